/**
 * Words for the password-strength meter: a score label and zxcvbn's warning and suggestion keys
 * in our own zh-CN and en (its own feedback is English only). Merged into the meter's local
 * i18n scope, so they load with the register and password screens, not with the first page.
 */
const zhCN = {
  strength: {
    score: {
      label: '密码强度',
      checking: '正在评估…',
      s0: '很弱',
      s1: '弱',
      s2: '一般',
      s3: '较强',
      s4: '强',
    },
    warning: {
      straightRow: '键盘上连续的一排字母很容易被猜到。',
      keyPattern: '键盘上的简单图形很容易被猜到。',
      simpleRepeat: '像 aaa 这样的重复很容易被猜到。',
      extendedRepeat: '像 abcabcabc 这样的重复很容易被猜到。',
      sequences: '像 abc、6543 这样的顺序很容易被猜到。',
      recentYears: '最近的年份很容易被猜到。',
      dates: '日期（如生日）很容易被猜到。',
      topTen: '这是最常用的密码之一。',
      topHundred: '这是非常常用的密码。',
      common: '这是常用密码。',
      similarToCommon: '这和常用密码很像。',
      wordByItself: '单个词语很容易被猜到。',
      namesByThemselves: '单独的姓名或姓氏很容易被猜到。',
      commonNames: '常见的姓名（包括拼音）很容易被猜到。',
      userInputs: '密码里不要有您的手机号、姓名等个人信息。',
      pwned: '这个密码已在网上的数据泄露中出现过。',
    },
    suggestion: {
      l33t: "把字母换成相似的符号（如 a→{'@'}）帮助不大。",
      reverseWords: '把常用词倒过来写帮助不大。',
      allUppercase: '只大写部分字母，而不是全部。',
      capitalization: '多几处大写，不只是首字母。',
      dates: '不要用与自己有关的日期和年份。',
      recentYears: '不要用最近的年份。',
      associatedYears: '不要用与自己有关的年份。',
      sequences: '不要用常见的字符顺序。',
      repeated: '不要重复同样的词或字符。',
      longerKeyboardPattern: '键盘图形要更长、多转几个弯。',
      anotherWord: '再加几个不常见的词。',
      useWords: '用几个互不相关的词组成密码，不必加符号或数字。',
      noNeed: '不必加符号、数字或大写字母也能得到强密码。',
      pwned: '如果您在别处也用这个密码，请一并修改。',
    },
  },
}

const en: typeof zhCN = {
  strength: {
    score: {
      label: 'Password strength',
      checking: 'Checking…',
      s0: 'very weak',
      s1: 'weak',
      s2: 'fair',
      s3: 'good',
      s4: 'strong',
    },
    warning: {
      straightRow: 'A straight row of keys is easy to guess.',
      keyPattern: 'A short keyboard pattern is easy to guess.',
      simpleRepeat: 'Repeats like "aaa" are easy to guess.',
      extendedRepeat: 'Repeats like "abcabcabc" are easy to guess.',
      sequences: 'Sequences like "abc" or "6543" are easy to guess.',
      recentYears: 'Recent years are easy to guess.',
      dates: 'Dates (such as birthdays) are easy to guess.',
      topTen: 'This is one of the most used passwords.',
      topHundred: 'This is a very often used password.',
      common: 'This is a commonly used password.',
      similarToCommon: 'This is very like a commonly used password.',
      wordByItself: 'A single word is easy to guess.',
      namesByThemselves: 'A name or surname on its own is easy to guess.',
      commonNames: 'Common names (pinyin too) are easy to guess.',
      userInputs: 'Leave your phone number, name and other personal details out of it.',
      pwned: 'This password has appeared in a data breach.',
    },
    suggestion: {
      l33t: "Swapping letters for look-alike symbols (a→{'@'}) does not help much.",
      reverseWords: 'Common words spelled backwards do not help much.',
      allUppercase: 'Capitalise some letters, not all of them.',
      capitalization: 'Capitalise more than the first letter.',
      dates: 'Avoid dates and years that are linked to you.',
      recentYears: 'Avoid recent years.',
      associatedYears: 'Avoid years that are linked to you.',
      sequences: 'Avoid common character sequences.',
      repeated: 'Avoid repeated words and characters.',
      longerKeyboardPattern: 'Use longer keyboard patterns that change direction several times.',
      anotherWord: 'Add a few more words that are less common.',
      useWords: 'Use several unrelated words; symbols, digits and capitals are not needed.',
      noNeed: 'You can make a strong password without symbols, digits or capitals.',
      pwned: 'If you use this password elsewhere, change it there too.',
    },
  },
}

export const strengthMessages = { 'zh-CN': zhCN, en }
