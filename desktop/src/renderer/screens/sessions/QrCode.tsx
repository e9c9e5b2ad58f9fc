/** Renders a QR string as an image (generated in the browser; no request leaves the app). */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The QR of `value`, `size` px square. */
export function QrCode({ value, size = 264, alt, faded }: { value: string; size?: number; alt: string; faded?: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: size }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [value, size]);
  return src ? <img className={`qr-image${faded ? ' qr-faded' : ''}`} src={src} width={size} height={size} alt={alt} data-qr={value} /> : <div className="qr-placeholder" style={{ width: size, height: size }} />;
}
