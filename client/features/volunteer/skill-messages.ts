/**
 * Words for the fixed list of volunteer skills (shared/schemas/volunteer.ts VOLUNTEER_SKILLS), used by
 * the member's 志愿 screens and the leader's door alike: `t('skill.' + skill)`.
 */
import type { VolunteerSkill } from '../../../shared/schemas/volunteer'

const zhCN: { skill: Record<VolunteerSkill, string> } = {
  skill: {
    health: '医疗健康',
    agriculture: '农业技术',
    science_explainer: '科普讲解',
    first_aid: '应急救护',
    it: '信息技术',
    education: '教育辅导',
    environment: '生态环保',
    elder_care: '助老服务',
  },
}
export type SkillMessages = typeof zhCN

const en: SkillMessages = {
  skill: {
    health: 'Health care',
    agriculture: 'Agricultural technology',
    science_explainer: 'Science explainer',
    first_aid: 'First aid',
    it: 'Information technology',
    education: 'Tutoring',
    environment: 'Environment',
    elder_care: 'Elder care',
  },
}

export const skillMessages = { 'zh-CN': zhCN, en }
