// The lab's name (INSTANCE_NAME), which the server writes into the workspace page.
export const INSTANCE_NAME = document.querySelector<HTMLMetaElement>('meta[name="carnet-instance"]')?.content || "Carnet";
