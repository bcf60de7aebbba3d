// Modules made at build time by web/vite.config.ts from law/*.yaml and locales/*.json.
declare module 'virtual:hqs-data' {
  export interface Named {
    code: string;
    names: { en: string; ru: string; zh: string };
  }
  export const countries: Named[];
  export const regions: Named[];
}
declare module 'virtual:hqs-locale/*' {
  const messages: Record<string, string>;
  export default messages;
}
declare module 'virtual:hqs-app-locale/*' {
  const messages: Record<string, string>;
  export default messages;
}
