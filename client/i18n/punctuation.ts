/**
 * Punctuation that differs by language: Chinese uses full-width marks (：（）), English never does.
 * Templates put a label and its value, or a title and its count, together through these patterns
 * instead of writing a full-width mark that English would show too.
 */
export const punctuationMessages = {
  'zh-CN': { punct: { label: '{label}：', labelled: '{label}：{value}', counted: '{title}（{n}）', aside: '（{text}）' } },
  en: { punct: { label: '{label}: ', labelled: '{label}: {value}', counted: '{title} ({n})', aside: ' ({text})' } },
}
