/*
 * test_editbuf.c: the editor's text buffer: editing, UTF-8 cursor moves,
 * word wrap, limits, quoting and the round trip through a string.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "relais.h"

#include "editbuf.h"
#include "test.h"

/* U+00E9, U+4E2D, U+1F600, e + U+0301. */
#define E_ACUTE		"\xc3\xa9"
#define ZHONG		"\xe4\xb8\xad"
#define WEN		"\xe6\x96\x87"
#define SMILE		"\xf0\x9f\x98\x80"
#define COMB_E		"e\xcc\x81"

#define CHECK_TEXT(eb, want) do {					\
	char	*t_ = editbuf_text((eb), 0, NULL);			\
	CHECK_STR_EQ(t_, (want));					\
	free(t_);							\
} while (0)

#define CHECK_CUR(eb, y, x) do {					\
	CHECK_INT_EQ((eb)->cy, (y));					\
	CHECK_INT_EQ((eb)->cx, (x));					\
} while (0)

static void
load(struct editbuf *eb, const char *text, size_t cursor)
{
	CHECK_INT_EQ(editbuf_load(eb, text, cursor), RELAIS_OK);
}

static void
test_ascii_insert_delete(void)
{
	struct editbuf	eb;

	editbuf_init(&eb, 100, 20);
	CHECK_TEXT(&eb, "");
	CHECK_INT_EQ(editbuf_insert(&eb, 'a'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 'b'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 'c'), RELAIS_OK);
	CHECK_TEXT(&eb, "abc");
	CHECK_CUR(&eb, 0, 3);
	CHECK_INT_EQ(editbuf_size(&eb), 3);
	CHECK_INT_EQ(editbuf_left(&eb), 1);
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_TEXT(&eb, "ac");
	CHECK_CUR(&eb, 0, 1);
	CHECK_INT_EQ(editbuf_delete(&eb), 1);
	CHECK_TEXT(&eb, "a");
	CHECK_CUR(&eb, 0, 1);
	CHECK_INT_EQ(editbuf_delete(&eb), 0);
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_INT_EQ(editbuf_backspace(&eb), 0);
	CHECK_TEXT(&eb, "");
	CHECK_INT_EQ(editbuf_size(&eb), 0);
	/* Tab is spaces; controls are refused; newline splits. */
	CHECK_INT_EQ(editbuf_insert(&eb, '\t'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x1b), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x7f), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x85), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(editbuf_insert(&eb, 0xd800), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x110000), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(editbuf_insert(&eb, '\n'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 'x'), RELAIS_OK);
	CHECK_TEXT(&eb, "    \nx");
	CHECK_CUR(&eb, 1, 1);
	CHECK_INT_EQ(editbuf_size(&eb), 6);
	editbuf_free(&eb);
}

static void
test_utf8_insert_delete_moves(void)
{
	struct editbuf	eb;
	int		row, col;

	editbuf_init(&eb, 100, 40);
	CHECK_INT_EQ(editbuf_insert(&eb, 0xe9), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x4e2d), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x1f600), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 'e'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 0x301), RELAIS_OK);
	CHECK_TEXT(&eb, E_ACUTE ZHONG SMILE COMB_E);
	CHECK_CUR(&eb, 0, 12);
	CHECK_INT_EQ(editbuf_size(&eb), 12);
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(row, 0);
	CHECK_INT_EQ(col, 6);		/* 1 + 2 + 2 + 1 + 0 */
	/* Left: never between e and its accent, never inside a character. */
	CHECK_INT_EQ(editbuf_left(&eb), 1);
	CHECK_CUR(&eb, 0, 9);
	CHECK_INT_EQ(editbuf_left(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	CHECK_INT_EQ(editbuf_left(&eb), 1);
	CHECK_CUR(&eb, 0, 2);
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(col, 1);
	CHECK_INT_EQ(editbuf_left(&eb), 1);
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_left(&eb), 0);
	CHECK_INT_EQ(editbuf_right(&eb), 1);
	CHECK_CUR(&eb, 0, 2);
	CHECK_INT_EQ(editbuf_right(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	CHECK_INT_EQ(editbuf_right(&eb), 1);
	CHECK_CUR(&eb, 0, 9);
	CHECK_INT_EQ(editbuf_right(&eb), 1);
	CHECK_CUR(&eb, 0, 12);
	CHECK_INT_EQ(editbuf_right(&eb), 0);
	/* Backspace takes e and its accent together, then the emoji. */
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_CUR(&eb, 0, 9);
	CHECK_INT_EQ(editbuf_size(&eb), 9);
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	CHECK_TEXT(&eb, E_ACUTE ZHONG);
	/* Delete forward of a 2-byte character. */
	editbuf_line_home(&eb);
	CHECK_INT_EQ(editbuf_delete(&eb), 1);
	CHECK_TEXT(&eb, ZHONG);
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_size(&eb), 3);
	/* An insertion before a character lands after itself. */
	CHECK_INT_EQ(editbuf_insert(&eb, 0xe9), RELAIS_OK);
	CHECK_CUR(&eb, 0, 2);
	CHECK_TEXT(&eb, E_ACUTE ZHONG);
	/* A cursor given inside a character or a cluster moves back. */
	load(&eb, COMB_E "x", 1);
	CHECK_CUR(&eb, 0, 0);
	load(&eb, COMB_E "x", 2);
	CHECK_CUR(&eb, 0, 0);
	load(&eb, COMB_E "x", 3);
	CHECK_CUR(&eb, 0, 3);
	load(&eb, ZHONG ZHONG, 4);
	CHECK_CUR(&eb, 0, 3);
	load(&eb, "ab\ncd", 99);
	CHECK_CUR(&eb, 1, 2);
	editbuf_free(&eb);
}

static void
check_rows(struct editbuf *eb, size_t line, int n, const size_t *starts)
{
	size_t	s, e;
	int	i;

	CHECK_INT_EQ(editbuf_line_rows(eb, line), n);
	for (i = 0; i < n && i < editbuf_line_rows(eb, line); i++) {
		editbuf_row_range(eb, line, i, &s, &e);
		CHECK_INT_EQ(s, starts[i]);
	}
}

static void
test_wrap(void)
{
	struct editbuf	eb;
	size_t		s, e;
	int		row, col;

	editbuf_init(&eb, 1000, 10);
	/* Words move whole; the row ends after the space. */
	load(&eb, "hello world foo", 0);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });
	editbuf_row_range(&eb, 0, 1, &s, &e);
	CHECK_INT_EQ(e, 15);

	/* A word exactly filling the row; the space after it hangs. */
	editbuf_set_width(&eb, 5);
	load(&eb, "abcde", 5);
	check_rows(&eb, 0, 1, (size_t[]){ 0 });
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(row, 0);
	CHECK_INT_EQ(col, 5);
	load(&eb, "abcde fgh", 9);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(row, 1);
	CHECK_INT_EQ(col, 3);
	/* After a hanging space at the end the cursor is on a new row. */
	load(&eb, "abcde ", 6);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(row, 1);
	CHECK_INT_EQ(col, 0);

	/* A word longer than the row is broken. */
	editbuf_set_width(&eb, 4);
	load(&eb, "abcdefghij", 0);
	check_rows(&eb, 0, 3, (size_t[]){ 0, 4, 8 });
	editbuf_set_width(&eb, 6);
	load(&eb, "ab cdefghijk", 0);
	check_rows(&eb, 0, 3, (size_t[]){ 0, 3, 9 });

	/* Wide characters never straddle the edge. */
	editbuf_set_width(&eb, 5);
	load(&eb, "ab" ZHONG ZHONG, 0);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 5 });
	editbuf_set_width(&eb, 3);
	load(&eb, "a" ZHONG ZHONG, 0);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 4 });
	editbuf_set_width(&eb, 4);
	load(&eb, ZHONG ZHONG ZHONG, 9);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(row, 1);
	CHECK_INT_EQ(col, 2);

	/* An accent stays with its letter. */
	editbuf_set_width(&eb, 3);
	load(&eb, "abc" COMB_E "x", 0);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 3 });
	editbuf_set_width(&eb, 4);
	load(&eb, "abc" COMB_E "x", 0);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });

	/* Empty lines are one row; rows follow a width change. */
	load(&eb, "\n\nabcdefgh", 0);
	check_rows(&eb, 0, 1, (size_t[]){ 0 });
	check_rows(&eb, 2, 2, (size_t[]){ 0, 4 });
	editbuf_set_width(&eb, 8);
	check_rows(&eb, 2, 1, (size_t[]){ 0 });
	CHECK_INT_EQ(editbuf_row_dist(&eb, 0, 0, 2, 0), 2);
	editbuf_set_width(&eb, 2);
	CHECK_INT_EQ(editbuf_row_dist(&eb, 0, 0, 2, 3), 5);
	CHECK_INT_EQ(editbuf_row_dist(&eb, 2, 3, 0, 0), -5);
	editbuf_free(&eb);
}

static void
test_up_down_goal(void)
{
	struct editbuf	eb;
	int		row, col;

	/* Lines of different widths: the goal column is kept. */
	editbuf_init(&eb, 1000, 10);
	load(&eb, "abcdefgh\nab\n" ZHONG WEN ZHONG WEN ZHONG "\nx", 7);
	CHECK_CUR(&eb, 0, 7);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 1, 2);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 2, 9);		/* column 6, before a wide one */
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(col, 6);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 3, 1);
	CHECK_INT_EQ(editbuf_down(&eb), 0);
	CHECK_CUR(&eb, 3, 1);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 2, 9);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 1, 2);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 0, 7);
	CHECK_INT_EQ(editbuf_up(&eb), 0);
	/* A horizontal move forgets the goal. */
	editbuf_left(&eb);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 1, 2);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 2, 9);		/* goal 6 */

	/* Rows of one wrapped line: "hello " "world foo " "bar". */
	load(&eb, "hello world foo bar", 5);
	check_rows(&eb, 0, 3, (size_t[]){ 0, 6, 16 });
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 0, 11);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 0, 19);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 0, 11);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	/* From column 9: the row above holds positions up to its last
	 * space (its end shows on the next row). */
	load(&eb, "hello world foo bar", 15);
	CHECK_INT_EQ(editbuf_up(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	/* Home and End of a display row. */
	load(&eb, "hello world foo bar", 9);
	CHECK_INT_EQ(editbuf_home(&eb), 1);
	CHECK_CUR(&eb, 0, 6);
	CHECK_INT_EQ(editbuf_end(&eb), 1);
	CHECK_CUR(&eb, 0, 15);
	CHECK_INT_EQ(editbuf_down(&eb), 1);
	CHECK_CUR(&eb, 0, 19);
	CHECK_INT_EQ(editbuf_end(&eb), 0);
	CHECK_INT_EQ(editbuf_line_home(&eb), 1);
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_line_end(&eb), 1);
	CHECK_CUR(&eb, 0, 19);

	/* Pages. */
	load(&eb, "a\nb\nc\nd\ne", 0);
	CHECK_INT_EQ(editbuf_page_down(&eb, 3), 3);
	CHECK_CUR(&eb, 3, 0);
	CHECK_INT_EQ(editbuf_page_down(&eb, 3), 1);
	CHECK_CUR(&eb, 4, 0);
	CHECK_INT_EQ(editbuf_page_up(&eb, 2), 2);
	CHECK_CUR(&eb, 2, 0);
	CHECK_INT_EQ(editbuf_top(&eb), 1);
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_bottom(&eb), 1);
	CHECK_CUR(&eb, 4, 1);
	editbuf_free(&eb);
}

static void
test_words(void)
{
	struct editbuf	eb;

	editbuf_init(&eb, 1000, 40);
	load(&eb, "foo  b" E_ACUTE "r baz\n  next", 0);
	CHECK_INT_EQ(editbuf_word_right(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	CHECK_INT_EQ(editbuf_word_right(&eb), 1);
	CHECK_CUR(&eb, 0, 10);
	CHECK_INT_EQ(editbuf_word_right(&eb), 1);
	CHECK_CUR(&eb, 0, 13);
	CHECK_INT_EQ(editbuf_word_right(&eb), 1);
	CHECK_CUR(&eb, 1, 2);
	CHECK_INT_EQ(editbuf_word_right(&eb), 1);
	CHECK_CUR(&eb, 1, 6);
	CHECK_INT_EQ(editbuf_word_right(&eb), 0);
	CHECK_INT_EQ(editbuf_word_left(&eb), 1);
	CHECK_CUR(&eb, 1, 2);
	CHECK_INT_EQ(editbuf_word_left(&eb), 1);
	CHECK_CUR(&eb, 1, 0);
	CHECK_INT_EQ(editbuf_word_left(&eb), 1);
	CHECK_CUR(&eb, 0, 10);
	CHECK_INT_EQ(editbuf_word_left(&eb), 1);
	CHECK_CUR(&eb, 0, 5);
	CHECK_INT_EQ(editbuf_word_left(&eb), 1);
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_word_left(&eb), 0);
	editbuf_free(&eb);
}

static void
test_split_join(void)
{
	struct editbuf	eb;

	editbuf_init(&eb, 1000, 40);
	load(&eb, "abcdef", 3);
	CHECK_INT_EQ(editbuf_split(&eb), RELAIS_OK);
	CHECK_TEXT(&eb, "abc\ndef");
	CHECK_CUR(&eb, 1, 0);
	CHECK_INT_EQ(editbuf_size(&eb), 7);
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_TEXT(&eb, "abcdef");
	CHECK_CUR(&eb, 0, 3);
	CHECK_INT_EQ(editbuf_size(&eb), 6);
	/* Split at both ends. */
	editbuf_line_home(&eb);
	CHECK_INT_EQ(editbuf_split(&eb), RELAIS_OK);
	editbuf_line_end(&eb);
	CHECK_INT_EQ(editbuf_split(&eb), RELAIS_OK);
	CHECK_TEXT(&eb, "\nabcdef\n");
	CHECK_CUR(&eb, 2, 0);
	/* Delete at a line end joins the next line. */
	load(&eb, "ab\ncd\nef", 2);
	CHECK_INT_EQ(editbuf_delete(&eb), 1);
	CHECK_TEXT(&eb, "abcd\nef");
	CHECK_CUR(&eb, 0, 2);
	CHECK_INT_EQ(editbuf_join(&eb), 1);
	CHECK_TEXT(&eb, "abcdef");
	CHECK_CUR(&eb, 0, 4);
	CHECK_INT_EQ(editbuf_join(&eb), 0);
	CHECK_INT_EQ(editbuf_size(&eb), 6);
	editbuf_free(&eb);
}

static void
test_kill_and_cut(void)
{
	struct editbuf	 eb;
	char		*cut;

	editbuf_init(&eb, 1000, 40);
	/* Ctrl-K: to the end of the line, then joins. */
	load(&eb, "abc\ndef", 1);
	CHECK_INT_EQ(editbuf_kill_eol(&eb), 1);
	CHECK_TEXT(&eb, "a\ndef");
	CHECK_CUR(&eb, 0, 1);
	CHECK_INT_EQ(editbuf_kill_eol(&eb), 1);
	CHECK_TEXT(&eb, "adef");
	CHECK_INT_EQ(editbuf_kill_eol(&eb), 1);
	CHECK_TEXT(&eb, "a");
	CHECK_INT_EQ(editbuf_kill_eol(&eb), 0);
	CHECK_INT_EQ(editbuf_size(&eb), 1);

	/* Cutting whole lines, as members cut quoted ones. */
	load(&eb, "> l1\n> l2\nmine", 7);
	CHECK_INT_EQ(editbuf_cut_line(&eb, &cut), 1);
	CHECK_STR_EQ(cut, "> l2\n");
	free(cut);
	CHECK_TEXT(&eb, "> l1\nmine");
	CHECK_CUR(&eb, 1, 0);
	CHECK_INT_EQ(editbuf_size(&eb), 9);
	CHECK_INT_EQ(editbuf_cut_line(&eb, &cut), 1);
	CHECK_STR_EQ(cut, "mine\n");
	free(cut);
	CHECK_TEXT(&eb, "> l1");
	CHECK_CUR(&eb, 0, 0);
	CHECK_INT_EQ(editbuf_cut_line(&eb, NULL), 1);
	CHECK_TEXT(&eb, "");
	CHECK_INT_EQ(editbuf_size(&eb), 0);
	CHECK_INT_EQ(eb.n, 1);
	/* And pasted back. */
	CHECK_INT_EQ(editbuf_insert_str(&eb, "> l2\n", 5), RELAIS_OK);
	CHECK_TEXT(&eb, "> l2\n");
	CHECK_CUR(&eb, 1, 0);
	editbuf_free(&eb);
}

static void
test_paste(void)
{
	static const char	paste[] = "a\r\nb\rc\td\x01" "e\x7f\xc2\x85"
	    "f\xffg";
	struct editbuf		eb;

	editbuf_init(&eb, 1000, 40);
	CHECK_INT_EQ(editbuf_insert_str(&eb, paste, sizeof paste - 1),
	    RELAIS_OK);
	CHECK_TEXT(&eb, "a\nb\nc    def\xef\xbf\xbdg");
	CHECK_CUR(&eb, 2, 12);
	CHECK_INT_EQ(editbuf_size(&eb), 16);
	/* In the middle of a line: the rest follows the last line. */
	load(&eb, "XY", 1);
	CHECK_INT_EQ(editbuf_insert_str(&eb, "1\n2\n3", 5), RELAIS_OK);
	CHECK_TEXT(&eb, "X1\n2\n3Y");
	CHECK_CUR(&eb, 2, 1);
	CHECK_INT_EQ(editbuf_size(&eb), 7);
	/* Paragraph and line separators are newlines too. */
	load(&eb, "", 0);
	CHECK_INT_EQ(editbuf_insert_str(&eb, "a\xe2\x80\xa8" "b", 5),
	    RELAIS_OK);
	CHECK_TEXT(&eb, "a\nb");
	editbuf_free(&eb);
}

static void
test_limit(void)
{
	struct editbuf	 eb;
	char		*big;

	/* At N bytes, N + 1 is refused whole, the buffer unchanged. */
	editbuf_init(&eb, 10, 40);
	CHECK_INT_EQ(editbuf_insert_str(&eb, "0123456789", 10), RELAIS_OK);
	CHECK_INT_EQ(editbuf_size(&eb), 10);
	CHECK_INT_EQ(editbuf_insert(&eb, 'a'), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_split(&eb), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_insert(&eb, '\n'), RELAIS_ERR_TOOBIG);
	CHECK_TEXT(&eb, "0123456789");
	CHECK_CUR(&eb, 0, 10);
	editbuf_free(&eb);

	editbuf_init(&eb, 10, 40);
	CHECK_INT_EQ(editbuf_insert_str(&eb, "012345678", 9), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert_str(&eb, "ab", 2), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_insert(&eb, 0xe9), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_insert(&eb, '\t'), RELAIS_ERR_TOOBIG);
	CHECK_TEXT(&eb, "012345678");
	CHECK_CUR(&eb, 0, 9);
	CHECK_INT_EQ(editbuf_size(&eb), 9);
	CHECK_INT_EQ(editbuf_split(&eb), RELAIS_OK);
	CHECK_INT_EQ(editbuf_size(&eb), 10);
	CHECK_TEXT(&eb, "012345678\n");
	editbuf_free(&eb);

	/* The real limit: RELAIS_BODY_MAX fits, one more byte does not. */
	big = malloc(RELAIS_BODY_MAX + 2);
	CHECK(big != NULL);
	if (big == NULL)
		return;
	memset(big, 'x', RELAIS_BODY_MAX + 1);
	big[RELAIS_BODY_MAX + 1] = '\0';
	editbuf_init(&eb, RELAIS_BODY_MAX, 79);
	CHECK_INT_EQ(editbuf_insert_str(&eb, big, RELAIS_BODY_MAX + 1),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_size(&eb), 0);
	CHECK_INT_EQ(editbuf_insert_str(&eb, big, RELAIS_BODY_MAX),
	    RELAIS_OK);
	CHECK_INT_EQ(editbuf_size(&eb), RELAIS_BODY_MAX);
	CHECK_INT_EQ(editbuf_insert(&eb, 'x'), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_size(&eb), RELAIS_BODY_MAX);
	/* 65536 columns at 79 a row. */
	CHECK_INT_EQ(editbuf_line_rows(&eb, 0), 830);
	CHECK_INT_EQ(editbuf_backspace(&eb), 1);
	CHECK_INT_EQ(editbuf_insert(&eb, 'y'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_size(&eb), RELAIS_BODY_MAX);
	/* Loading may pass the limit (a long quote): nothing more goes in,
	 * deleting does. */
	CHECK_INT_EQ(editbuf_load(&eb, big, 0), RELAIS_OK);
	CHECK_INT_EQ(editbuf_size(&eb), RELAIS_BODY_MAX + 1);
	CHECK_INT_EQ(editbuf_insert(&eb, 'x'), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(editbuf_delete(&eb), 1);
	CHECK_INT_EQ(editbuf_size(&eb), RELAIS_BODY_MAX);
	editbuf_free(&eb);
	free(big);

	/* Past EDITBUF_LOAD_FACTOR x max, after the last whole line. */
	editbuf_init(&eb, 4, 40);
	CHECK_INT_EQ(editbuf_load(&eb, "abcdef\nghijklmnop\nq", 0),
	    RELAIS_ERR_TOOBIG);
	CHECK_TEXT(&eb, "abcdef");
	CHECK_INT_EQ(editbuf_load(&eb, "abcdefghijklmnopqrs", 0),
	    RELAIS_ERR_TOOBIG);
	CHECK_TEXT(&eb, "abcdefghijklmnop");
	editbuf_free(&eb);
}

static void
test_quote(void)
{
	static const char	msg[] = "Hello\n> earlier\n> > older\n"
	    "\n"
	    "word word word word word word word word word word word word "
	    "word word word word word word word word\n"
	    "  indented  \n"
	    "\n\n";
	struct editbuf		 eb;
	char			*q;

	q = editbuf_quote(msg, "Alice wrote:");
	CHECK_STR_EQ(q, "Alice wrote:\n"
	    "> Hello\n"
	    ">> earlier\n"
	    ">>> older\n"
	    ">\n"
	    "> word word word word word word word word word word word word "
	    "word word\n"
	    "> word word word word word word\n"
	    ">   indented\n"
	    "\n");
	/* In the editor: the member writes on the last line. */
	editbuf_init(&eb, RELAIS_BODY_MAX, 79);
	load(&eb, q, strlen(q));
	CHECK_INT_EQ(eb.n, 10);
	CHECK_CUR(&eb, 9, 0);
	CHECK_INT_EQ(editbuf_blank(&eb), 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "Alice wrote:"), 1);
	CHECK_INT_EQ(editbuf_only_quote(&eb, NULL), 0);
	CHECK_INT_EQ(editbuf_insert(&eb, 'O'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_insert(&eb, 'k'), RELAIS_OK);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "Alice wrote:"), 0);
	editbuf_free(&eb);
	free(q);

	/* Quote levels past EDITBUF_QUOTE_DEPTH are text; a head ending
	 * with a newline is fine; no head at all too. */
	q = editbuf_quote(">>>>>>>>>>>>>>>>>>>> x", "Bob wrote:\n");
	CHECK_STR_EQ(q, "Bob wrote:\n"
	    ">>>>>>>>>>>>>>>>> >>>> x\n\n");
	free(q);
	q = editbuf_quote("a\r\nb", NULL);
	CHECK_STR_EQ(q, "> a\n> b\n\n");
	free(q);
	q = editbuf_quote(">\n", NULL);
	CHECK_STR_EQ(q, ">>\n\n");
	free(q);
	/* A long word is cut at 70 columns (72 with "> "). */
	q = editbuf_quote("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL);
	CHECK_STR_EQ(q, "> xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxx\n> xxxxxxxxxxxx\n\n");
	free(q);
}

static void
test_blank_and_only_quote(void)
{
	struct editbuf	eb;

	editbuf_init(&eb, 1000, 40);
	CHECK_INT_EQ(editbuf_blank(&eb), 1);
	load(&eb, "   \n\n  ", 0);
	CHECK_INT_EQ(editbuf_blank(&eb), 1);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "X wrote:"), 0);
	load(&eb, "\n> a\n  > b  \n\n", 0);
	CHECK_INT_EQ(editbuf_blank(&eb), 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, NULL), 1);
	load(&eb, "  X wrote: \n> a\n", 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "X wrote:"), 1);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "Y wrote:"), 0);
	load(&eb, "X wrote:\n\n", 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "X wrote:"), 1);
	CHECK_INT_EQ(editbuf_only_quote(&eb, NULL), 0);
	load(&eb, "X wrote:\n> a\nmine\n", 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "X wrote:"), 0);
	load(&eb, "---- Forwarded ----\nFrom: x\n> a\n", 0);
	CHECK_INT_EQ(editbuf_only_quote(&eb, "---- Forwarded ----"), 0);
	editbuf_free(&eb);
}

static void
test_round_trip(void)
{
	static const char	text[] = "Ligne 1  \n\n  indent " E_ACUTE
	    ZHONG "\n\n\n";
	struct editbuf		eb, eb2;
	char			*t;
	size_t			 cur;

	editbuf_init(&eb, 1000, 10);
	load(&eb, text, 20);
	CHECK_CUR(&eb, 2, 9);
	CHECK_INT_EQ(eb.n, 6);
	CHECK_INT_EQ(editbuf_size(&eb), sizeof text - 1);
	/* As is, for a draft. */
	t = editbuf_text(&eb, 0, &cur);
	CHECK_STR_EQ(t, text);
	CHECK_INT_EQ(cur, 20);
	editbuf_init(&eb2, 1000, 30);
	load(&eb2, t, cur);
	CHECK_CUR(&eb2, 2, 9);
	free(t);
	t = editbuf_text(&eb2, 0, NULL);
	CHECK_STR_EQ(t, text);
	free(t);
	editbuf_free(&eb2);
	/* Trimmed, for sending. */
	t = editbuf_text(&eb, 1, &cur);
	CHECK_STR_EQ(t, "Ligne 1\n\n  indent " E_ACUTE ZHONG);
	CHECK_INT_EQ(cur, 18);
	free(t);
	load(&eb, text, 8);
	t = editbuf_text(&eb, 1, &cur);
	CHECK_INT_EQ(cur, 7);
	free(t);
	editbuf_bottom(&eb);
	t = editbuf_text(&eb, 1, &cur);
	CHECK_INT_EQ(cur, 23);
	free(t);
	load(&eb, "  \n ", 3);
	t = editbuf_text(&eb, 1, &cur);
	CHECK_STR_EQ(t, "");
	CHECK_INT_EQ(cur, 0);
	free(t);
	editbuf_free(&eb);
}

static void
test_ascii_widths(void)
{
	struct editbuf	eb;
	int		row, col;

	editbuf_init(&eb, 1000, 40);
	load(&eb, ZHONG ZHONG "\xc5\x93", 8);
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(col, 5);		/* 2 + 2 + 1 */
	editbuf_set_ascii(&eb, 1);	/* "??oe" */
	editbuf_cursor_rc(&eb, &row, &col);
	CHECK_INT_EQ(col, 4);
	editbuf_set_width(&eb, 3);
	check_rows(&eb, 0, 2, (size_t[]){ 0, 6 });
	editbuf_free(&eb);
}

int
main(void)
{
	CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
	RUN(test_ascii_insert_delete);
	RUN(test_utf8_insert_delete_moves);
	RUN(test_wrap);
	RUN(test_up_down_goal);
	RUN(test_words);
	RUN(test_split_join);
	RUN(test_kill_and_cut);
	RUN(test_paste);
	RUN(test_limit);
	RUN(test_quote);
	RUN(test_blank_and_only_quote);
	RUN(test_round_trip);
	RUN(test_ascii_widths);
	return (test_report());
}
