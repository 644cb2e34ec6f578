/** "an alb", "a kong": the article follows the sound of the word as read aloud. */
export function withArticle(word: string): string {
  return `${/^[aeiouAEIOU]|^nlb/.test(word) ? "an" : "a"} ${word}`;
}
