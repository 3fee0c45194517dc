import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentOwnerType } from '../../../common/api/attachment';
import { api, unwrap } from '../../lib/api';

export interface AttachmentOwner {
  ownerType: AttachmentOwnerType;
  ownerUuid: string;
}

export function useAttachmentList(owner: AttachmentOwner, includeVoided: boolean) {
  return useQuery({
    queryKey: ['attachment:list', owner.ownerType, owner.ownerUuid, includeVoided],
    queryFn: () => unwrap(api().attachment.list({ ...owner, includeVoided })),
  });
}

/** The bytes of one attachment for the preview; dropped from the cache as soon as the preview closes. */
export function useAttachmentBytes(id: number | null) {
  return useQuery({
    queryKey: ['attachment:get', id],
    queryFn: () => unwrap(api().attachment.get({ id: id as number })),
    enabled: id !== null,
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

export function useAttachmentMutations(owner: AttachmentOwner) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['attachment:list', owner.ownerType, owner.ownerUuid] });
  return {
    add: useMutation({ mutationFn: () => unwrap(api().attachment.add(owner)), onSuccess: refresh }),
    saveCopy: useMutation({ mutationFn: (id: number) => unwrap(api().attachment.saveCopy({ id })) }),
    void: useMutation({
      mutationFn: (input: { id: number; reason: string }) => unwrap(api().attachment.void(input)),
      onSuccess: refresh,
    }),
  };
}
