import { defineMutation } from './define'
import { RequestOrderArgs } from '../schemas/service-request'

/** A resident orders a service at a hub's kiosk (点单); devices only. */
export const requestOrder = defineMutation('request.order', RequestOrderArgs)
