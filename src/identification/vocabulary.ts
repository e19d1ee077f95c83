// Closed word lists the writeprint counts by name. Function words carry style whatever the topic
// (Abbasi & Chen's "Writeprints" use ~150 of them); chat abbreviations and apostrophe-less
// contractions are the informal habits a harasser keeps when switching accounts.

export const FUNCTION_WORDS: readonly string[] = [
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'although', 'am', 'an', 'and', 'any',
  'anyway', 'are', 'around', 'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between',
  'both', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'done', 'down', 'during', 'each',
  'either', 'else', 'enough', 'even', 'ever', 'every', 'few', 'for', 'from', 'further', 'had', 'has', 'have',
  'having', 'he', 'her', 'here', 'hers', 'him', 'his', 'how', 'however', 'i', 'if', 'in', 'into', 'is', 'it',
  'its', 'itself', 'just', 'least', 'less', 'like', 'many', 'may', 'me', 'might', 'mine', 'more', 'most',
  'much', 'must', 'my', 'neither', 'never', 'no', 'nor', 'not', 'nothing', 'now', 'of', 'off', 'often', 'on',
  'once', 'one', 'only', 'or', 'other', 'our', 'out', 'over', 'own', 'perhaps', 'quite', 'rather', 'really',
  'same', 'shall', 'she', 'should', 'since', 'so', 'some', 'something', 'still', 'such', 'than', 'that',
  'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'though', 'through', 'thus',
  'to', 'too', 'under', 'until', 'up', 'upon', 'us', 'very', 'was', 'we', 'well', 'were', 'what', 'when',
  'where', 'whether', 'which', 'while', 'who', 'whom', 'whose', 'why', 'will', 'with', 'within', 'without',
  'would', 'yet', 'you', 'your', 'yours', 'yes', 'yeah', 'yep', 'ok', 'okay', 'oh', 'hmm', 'hm', 'ah', 'well',
  'actually', 'maybe', 'probably', 'sure', 'anyone', 'someone', 'thanks', 'thank', 'please', 'sorry', 'hi',
  'hello', 'hey', 'there', "it's", "i'm", "don't", "can't", "that's", "you're", "i'll", "i've", "doesn't",
  "didn't", "isn't", "won't", "there's", "what's", "let's",
];

export const ABBREVIATIONS: readonly string[] = [
  'u', 'ur', 'r', 'y', 'k', 'kk', 'lol', 'lmao', 'rofl', 'omg', 'wtf', 'idk', 'dunno', 'btw', 'imo', 'imho',
  'afaik', 'iirc', 'brb', 'bbl', 'bbiab', 'np', 'thx', 'thnx', 'ty', 'tia', 'pls', 'plz', 'ppl', 'cya',
  'gonna', 'wanna', 'gotta', 'cuz', 'coz', 'cos', 'tho', 'thru', 'ya', 'yea', 'nah', 'nope', 'im', 'dont',
  'cant', 'wont', 'doesnt', 'didnt', 'isnt', 'thats', 'ive', 'youre', 'whats', 'heh', 'hehe', 'haha', 'hah',
  'xd', 'jk', 'fyi', 'asap', 'w/', 'b4', 'l8r', 'gr8', '2', '4', 'c', 'n',
];

// Text emoticons, longest first so ':-)' is not also counted as ':-'.
export const EMOTICONS: readonly string[] = [
  ':-)', ':-(', ';-)', ':-D', ':-P', ':-p', ':-/', ':-|', ':-o', ':-O', ":')", ':)', ':(', ';)', ':D', ':P', ':p',
  ':/', ':|', ':o', ':O', ':]', ':[', ':S', ':s', 'xD', 'XD', '<3', '^^', '^_^', 'o_O', 'O_o', '-_-', 'T_T', '=)', '=(', '=D',
];
