import { defineMutation } from './define'
import { NoticeMarkReadArgs } from '../schemas/notice'

/** The person has read these notices (消息); works offline, the server keeps when. */
export const noticeMarkRead = defineMutation('notice.markRead', NoticeMarkReadArgs)
