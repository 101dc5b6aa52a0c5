import { noticeMarkRead } from '../../../shared/mutations/notice'
import { markNoticesRead } from '../../domain/notices'
import { defineServerMutator } from './define'

/** notice.markRead: the person read these notices (the rules: server/domain/notices.ts). Returns their rows. */
export const noticeMarkReadMutator = defineServerMutator(noticeMarkRead, (ctx, args) => markNoticesRead(ctx, args.noticeIds))
