/** Downloads, kept out of the core chunk (only exports use them). Offers `blob` to the user as a download named `file` (exports: CSV, PNG, calendars). */
export function download(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: `enseigner-avec-le-numerique-2026-12-04.ics`. */
export function fileName(title: string, extension: string, fallback: string, now = new Date()): string {
  const base =
    title
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || fallback;
  return `${base}-${now.toISOString().slice(0, 10)}.${extension}`;
}
