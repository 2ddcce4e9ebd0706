// What the sign-in page learns of the instance's ways in: password or not, and each provider's button.
export const presentProviders = (passwordSignIn: boolean, providers: { id: string; label: string; href: string }[]) => ({
  passwordSignIn,
  providers,
});
export type ProvidersView = ReturnType<typeof presentProviders>;
