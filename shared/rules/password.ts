/**
 * Password strength rules shared by the register form and the server.
 * A short list of the passwords most often seen in Chinese and global leaks; the server also
 * refuses passwords that are just the phone number.
 */
export const COMMON_PASSWORDS = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '88888888', '66666666',
  '12341234', '11223344', 'password', 'password1', 'password123', 'passw0rd', 'qwertyui', 'qwerty123',
  'iloveyou', 'abc12345', 'abcd1234', 'a1234567', 'aa123456', 'a123456789', '1q2w3e4r', '1qaz2wsx',
  'zxcvbnm1', 'asdfghjk', 'woaini1314', '5201314520', '147258369', '123123123', '11112222', '123qweasd',
  'qweasdzxc', 'admin123', 'administrator', 'welcome1', 'letmein1', 'sunshine', 'princess', 'football',
  'baseball', 'dragon123', 'monkey123', 'superman', 'trustno1', 'q1w2e3r4', '1234qwer', 'qwer1234',
])

export type PasswordProblem = 'too_short' | 'too_common' | 'same_as_phone' | 'one_kind'

/** Returns why a password is weak, or null when it is acceptable. */
export function passwordProblem(password: string, phone?: string): PasswordProblem | null {
  if (password.length < 8) return 'too_short'
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'too_common'
  if (phone && password.includes(phone)) return 'same_as_phone'
  if (/^(.)\1+$/.test(password)) return 'one_kind'
  return null
}
