// Globals that every runtime of ours (Node ≥16, Chromium, Electron) provides, without pulling in DOM or Node typings.
declare function btoa(data: string): string;
declare function atob(data: string): string;
