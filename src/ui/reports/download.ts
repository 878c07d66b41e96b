/** Saves bytes or text as a file through a Blob URL and a temporary `<a download>`; the URL is revoked after. */
export function downloadFile(file: { fileName: string; mime: string; data: Uint8Array | string }): void {
  const blob = new Blob([file.data as BlobPart], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download asynchronously: revoke a little later, not at once.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
