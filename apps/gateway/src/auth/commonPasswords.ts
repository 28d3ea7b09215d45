/**
 * Passwords of 12 characters or more that top the public breach lists (lower case). Shorter ones are
 * refused by the length rule already; this list catches the long-but-obvious.
 */
export const commonPasswords: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111111111111', '000000000000',
  '147258369123', '987654321098', '121212121212', '1234567890qwerty', 'qwerty1234567890', '1234qwerasdf', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'q1w2e3r4t5y6', 'qazwsxedcrfv', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf',
  'qwerty123456', 'qwerty12345678', 'asdfghjkl123', 'asdfghjkl;\'', 'zxcvbnm12345', 'zxcvbnm123456', 'abcdefghijkl',
  'abcdefghijklmn', 'abc123456789', 'abcd12345678', 'password1234', 'password12345', 'password123456', 'password123!',
  'password2023', 'password2024', 'password2025', 'password2026', 'passwordpassword', 'passw0rd1234', 'p@ssw0rd1234',
  'p@ssword1234', 'mypassword123', 'mypassword1234', 'secretpassword', 'mysecretpassword', 'supersecret123', 'changeme1234',
  'changeme12345', 'welcome12345', 'welcome123456', 'welcome123!!', 'letmein12345', 'letmeinplease', 'iloveyou1234',
  'iloveyou12345', 'iloveyouforever', 'administrator', 'administrator1', 'adminadmin123', 'admin1234567', 'rootroot1234',
  'football1234', 'baseball1234', 'basketball12', 'princess1234', 'sunshine1234', 'superman1234', 'starwars1234',
  'trustno11234', 'monkey123456', 'dragon123456', 'master123456', 'shadow123456', 'michael12345', 'jennifer1234',
  'liverpool123', 'chelsea12345', 'arsenal12345', 'manchester12', 'computer1234', 'internet1234', 'whatever1234',
  'summer2024!!', 'summer2025!!', 'winter2024!!', 'winter2025!!', 'spring2025!!', 'autumn2025!!', 'september2024',
  'correcthorsebatterystaple', 'thequickbrownfox', 'goalpost1234', 'goalpost12345', 'goalpostpassword',
]);
