/** Provides one MediaSigner to the inbox, and `useMediaUrl(id, variant)` for components. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { MediaSigner, type MediaVariant } from './mediaUrls.ts';

const Ctx = createContext<MediaSigner | null>(null);

/** Mount once around the inbox. */
export function MediaProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const signer = useMemo(() => new MediaSigner(api), [api]);
  return <Ctx.Provider value={signer}>{children}</Ctx.Provider>;
}

/** The signed URL of a media file (undefined while signing, null when unavailable). */
export function useMediaUrl(id: string | null | undefined, variant: MediaVariant = 'inline'): string | null | undefined {
  const signer = useContext(Ctx);
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!id || !signer) {
      setUrl(null);
      return;
    }
    let live = true;
    setUrl(undefined);
    void signer.url(id, variant).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [id, variant, signer]);
  return url;
}
