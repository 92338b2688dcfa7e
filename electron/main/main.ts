// Electron's main process. Built in this issue.
export {};
