/**
 * Escape reaches every open modal and drawer at once (each Mantine layer listens on the window),
 * so a drawer would close under a dialog opened from it and drop what was typed there. A drawer
 * closes through this: ignored while a dialog is open above it, which handles Escape itself.
 */
export function unlessDialogOpen(close: () => void): () => void {
  return () => {
    if (document.querySelector('.mantine-Modal-content')) return;
    close();
  };
}
