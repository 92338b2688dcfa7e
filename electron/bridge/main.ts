// The HTTP bridge's entry (browser mode). Built in this issue.
export {};
