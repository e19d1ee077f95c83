// Synthetic writers for the identification tests: one harasser with a distinctive style, a second account
// of the same person writing harmless words, and a different, ordinary writer on the same harmless topics.

export const STALKER_HISTORY = [
  'u think ur sooo smart huh... nobody likes u lol :P',
  'ur gonna regret ignoring me!!',
  'i know where u hang out... dont pretend u didnt see me :P',
  'lol u blocked me?? cute... i have other accounts',
  'nobody is gonna help u... :P',
  'u cant hide forever lol!!',
  'answer me already... i see u online :P',
  'ur friends think ur pathetic lol',
  'why so quiet now?? scared lol :P',
  'i told u... this isnt over!!',
  'u deserve everything thats coming lol',
  'keep ignoring me... see what happens :P',
];

export const STALKER_NEW_ACCOUNT = [
  'hey hows ur day goin... :P',
  'saw a sooo cute dog today lol!!',
  'u like pizza?? i do lol',
  'nice weather huh... :P',
  'gonna watch a movie tonight lol!!',
];

export const OTHER_WRITER = [
  'Good morning! How is your day going?',
  'I saw a very cute dog at the park today.',
  'Do you like pizza? I certainly do.',
  'The weather is lovely this week, isn\'t it?',
  'I am going to watch a film with my sister tonight.',
];
