/** The account endpoints (server/routes/auth.ts, server/routes/me.ts); logout is client/api/session-end.ts. */
import { z } from 'zod'
import { Me, type ChangePasswordInput, type LoginInput, type RegisterInput } from '../../../shared/schemas/user'
import { apiRequest } from '../../api/http'

const Ok = z.object({ ok: z.literal(true) })

export const accountApi = {
  register: (input: RegisterInput) => apiRequest('POST', '/auth/register', Me, input),
  login: (input: LoginInput) => apiRequest('POST', '/auth/login', Me, input),
  changePassword: (input: ChangePasswordInput) => apiRequest('POST', '/auth/password', Ok, input),
  me: () => apiRequest('GET', '/me', Me),
}
