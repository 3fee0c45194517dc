import { config } from 'zod';

// zod compiles its object parsers with new Function() where it may; the CSP forbids eval, and even
// zod's probe for it is reported as a violation. Interpreted parsing does the same work. Imported
// first by main.tsx, so that it holds before any schema is parsed, also while modules load.
config({ jitless: true });
