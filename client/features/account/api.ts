/** The account endpoints (server/routes/auth.ts, auth-code.ts, me.ts); logout is client/api/session-end.ts. */
import { z } from 'zod'
import { Me, type ChangePasswordInput, type LoginInput, type RegisterInput } from '../../../shared/schemas/user'
import { SmsCodeSent, type LoginByCodeInput, type ResetPasswordInput, type SmsCodeRequest } from '../../../shared/schemas/sms'
import { apiRequest } from '../../api/http'

const Ok = z.object({ ok: z.literal(true) })

export const accountApi = {
  register: (input: RegisterInput) => apiRequest('POST', '/auth/register', Me, input),
  login: (input: LoginInput) => apiRequest('POST', '/auth/login', Me, input),
  requestCode: (input: SmsCodeRequest) => apiRequest('POST', '/auth/sms-code', SmsCodeSent, input),
  loginByCode: (input: LoginByCodeInput) => apiRequest('POST', '/auth/login/code', Me, input),
  resetPassword: (input: ResetPasswordInput) => apiRequest('POST', '/auth/password/reset', Ok, input),
  changePassword: (input: ChangePasswordInput) => apiRequest('POST', '/auth/password', Ok, input),
  me: () => apiRequest('GET', '/me', Me),
}
