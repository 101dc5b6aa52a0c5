/** request.order: a resident orders a service at a hub's kiosk (点单) — devices only (server/domain/service-requests.ts). */
import { requestOrder } from '../../../shared/mutations/service-request'
import { orderRequest } from '../../domain/service-requests'
import { DomainError } from '../../errors'
import { defineServerMutator } from './define'

export const requestOrderMutator = defineServerMutator(
  requestOrder,
  async () => {
    throw new DomainError('kiosk_only', 'requests are taken at a hub’s kiosk')
  },
  (ctx, args) => orderRequest(ctx, args),
)
