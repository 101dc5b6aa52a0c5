/**
 * Authoritative apply of the volunteer's shift mutations: thin calls of the services in
 * server/domain/volunteer-signups.ts and volunteer-swaps.ts (the lead routes call the same ones).
 * The push engine runs each in its own transaction and SQLite has one writer, so "count the slots,
 * then take one" cannot interleave; the one live sign-up index is the second guard.
 */
import { shiftCancel, shiftConfirm, shiftSignUp, shiftSwapRequest, shiftSwapRespond } from '../../../shared/mutations/volunteer'
import { cancelSignup, confirmSignup, signUpForShift } from '../../domain/volunteer-signups'
import { requestSwap, respondSwap } from '../../domain/volunteer-swaps'
import { defineServerMutator } from './define'

export const shiftSignUpMutator = defineServerMutator(shiftSignUp, (ctx, args) => signUpForShift(ctx, args))
export const shiftCancelMutator = defineServerMutator(shiftCancel, (ctx, args) => cancelSignup(ctx, args))
export const shiftConfirmMutator = defineServerMutator(shiftConfirm, (ctx, args) => confirmSignup(ctx, args))
export const shiftSwapRequestMutator = defineServerMutator(shiftSwapRequest, (ctx, args) => requestSwap(ctx, args))
export const shiftSwapRespondMutator = defineServerMutator(shiftSwapRespond, (ctx, args) => respondSwap(ctx, args))
