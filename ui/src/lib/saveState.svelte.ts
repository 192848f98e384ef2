// When the last change was saved, for the status bar ("Đã lưu lúc 14:32").
export const saveState = $state<{ savedAt: Date | null }>({ savedAt: null });
