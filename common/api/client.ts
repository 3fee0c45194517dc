import type { ChannelDef, ContractShape, InputOf, OutputOf } from './channel';
import type { Result } from './result';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K, D extends string> = K extends `${D}:${infer V}` ? V : never;

/** `org:list` becomes `client.org.list(input)`. */
export type Client<C extends ContractShape> = {
  readonly [D in DomainOf<keyof C>]: {
    readonly [V in VerbOf<keyof C, D>]: C[`${D}:${V}`] extends ChannelDef
      ? (input: InputOf<C[`${D}:${V}`]>) => Promise<Result<OutputOf<C[`${D}:${V}`]>>>
      : never;
  };
};

/**
 * Builds the typed client over any transport. The object is plain (no Proxy) so that
 * Electron's contextBridge can copy it into the page.
 */
export function createClient<C extends ContractShape>(contract: C, invoke: Invoke): Client<C> {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(contract)) {
    const [domain, verb] = name.split(':') as [string, string];
    const methods = (client[domain] ??= {});
    methods[verb] = (input: unknown) => invoke(name, input === undefined ? {} : input);
  }
  for (const methods of Object.values(client)) Object.freeze(methods);
  return Object.freeze(client) as unknown as Client<C>;
}
