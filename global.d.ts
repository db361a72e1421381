import type { Locale } from './lib/i18n/locales';
import type messages from './messages/en';

// Message keys and locales are checked by TypeScript: a missing English key is a type error
// (tests/unit/messages.test.ts holds the German catalogue to the same keys).
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
