import { pinyin } from 'pinyin-pro';

/**
 * A key that sorts Chinese text the way people expect (by pinyin), for ORDER BY in SQL: SQLite's
 * built-in collations compare code points, which puts 北京 after 郑州.
 */
export function chineseSortKey(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join(' ');
}
