// The window's preload. Built in this issue.
export {};
