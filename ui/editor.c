/*
 * editor.c: the full-screen editor for posts, replies and mail.
 *
 * The title row, a "To" field (mail only) and a "Subject" field, a rule,
 * then the text, soft-wrapped by editbuf.c, to the bottom of the body
 * window; the footer says the main keys. The text uses every column but
 * the last, which is kept for the cursor after a full row.
 *
 * The screen takes arguments, so editor_open() allocates it: a copy of
 * the ops table heads a struct editor that holds the request and the
 * state, and is what ui.c pushes. The screen finds itself again from the
 * frame (editor_self()) and frees itself last thing in leave().
 *
 * Nothing typed is lost: every change schedules a draft save one second
 * later (ui_set_timer(); so at most one save a second), Enter saves as
 * soon as the keys already received are handled (a paste of many lines
 * still saves once), and a dropped connection saves in hangup(), after
 * ui.c has handled the keys that arrived before the drop. leave() saves
 * too when something is unsaved (idle time-out).
 *
 * Keys that work everywhere: ui.c puts the terminal in raw mode, so
 * Ctrl-S reaches us (no flow control); F2 and F10 do the same as Ctrl-S
 * and Ctrl-X, and so does Esc followed at once by a
 * key (Alt-S, Alt-X; Esc 2 and Esc 0 for F2 and F10 on terminals without
 * function keys). Esc alone asks before abandoning, like Ctrl-X.
 *
 * Output stays small: ui.c redraws into the windows after each burst of
 * input (a paste is one redraw) and doupdate() sends what changed; idlok
 * lets ncurses scroll the text with the terminal's own scrolling.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "editbuf.h"
#include "editor.h"
#include "ui.h"
#include "widget.h"

#define EDITOR_SAVE_MS		1000	/* a change is saved this soon */
#define EDITOR_RETRY_MS		5000	/* after a failed save */
#define EDITOR_COMPLETE_MAX	8	/* handles shown by Tab */
#define EDITOR_KEY_WLEFT	0x7e01	/* our codes for Ctrl-Left/Right */
#define EDITOR_KEY_WRIGHT	0x7e02

enum editor_focus {
	FOCUS_TO,
	FOCUS_SUBJECT,
	FOCUS_BODY,
};

struct editor {
	struct screen		 ops;		/* first: what ui.c pushed */
	struct editor_request	 req;
	struct winput		 to;
	struct winput		 subject;
	struct editbuf		 eb;
	enum editor_focus	 focus;
	size_t			 top_line;	/* first row shown */
	int			 top_row;
	int			 text_h;	/* text rows at the last draw */
	char			*attribution;	/* "X wrote:", or NULL */
	char			*clip;		/* lines cut with Ctrl-Y */
	char			*row;		/* one row, for drawing */
	size_t			 rowcap;
	int			 last_cut;	/* the key before was Ctrl-Y */
	int			 last_cr;	/* the key before was CR */
	int			 esc;		/* Esc, waiting for a key */
	int			 touched;	/* something of the member's */
	int			 dirty;		/* not saved as a draft yet */
	int64_t			 save_at;	/* draft save due (ms), 0 */
	int			 offering;	/* the draft offer is open */
	struct draft		 offer;
	int			 key_wleft;
	int			 key_wright;
};

static void		editor_enter(struct ui *);
static void		editor_draw(struct ui *);
static enum ui_next	editor_key(struct ui *, int, const struct screen **);
static void		editor_leave(struct ui *);
static enum ui_next	editor_tick(struct ui *, const struct screen **);
static void		editor_hangup(struct ui *);

static const struct screen editor_ops = {
	.name = "editor",
	.enter = editor_enter,
	.draw = editor_draw,
	.key = editor_key,
	.leave = editor_leave,
	.tick = editor_tick,
	.hangup = editor_hangup,
	.help = N_("Write your message, then send it with Ctrl-S (or F2). "
	    "Ctrl-X (or F10, or Esc) abandons it, after asking. Where "
	    "Ctrl-S or the function keys do not work, press Esc then S "
	    "to send, Esc then X to abandon.\n"
	    "Tab, Enter or Down go from one field to the next and to the "
	    "text; Shift-Tab, or Up on the first row of the text, go back "
	    "to the subject. In the To field, Tab completes a member's "
	    "handle.\n"
	    "Moving in the text: arrows, Home and End (start and end of the "
	    "row), Ctrl-A and Ctrl-E (start and end of the paragraph), PgUp "
	    "and PgDn, Ctrl-Left and Ctrl-Right or Esc then B or F (word by "
	    "word).\n"
	    "Editing: Backspace and Delete erase a character; Enter starts "
	    "a new paragraph (lines wrap by themselves); Tab inserts "
	    "spaces; Ctrl-K erases to the end of the paragraph; Ctrl-Y cuts "
	    "the whole line, for instance a quoted line you do not answer; "
	    "Ctrl-U puts the lines cut last back at the cursor.\n"
	    "Your text is kept as a draft while you type: if the connection "
	    "drops, it is offered back the next time you write the same "
	    "message.\n"
	    "Ctrl-G or F1 shows this help; Ctrl-L redraws the screen."),
};

/*
 * Helpers.
 */

static struct editor *
editor_self(struct ui *ui)
{
	/* The screen heads the allocation: see editor_open(). */
	return ((struct editor *)(uintptr_t)ui->stack[ui->depth - 1].scr);
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static enum draft_kind
draft_kind_of(enum editor_kind kind)
{
	switch (kind) {
	case EDITOR_REPLY:
		return (DRAFT_REPLY);
	case EDITOR_MAIL:
		return (DRAFT_MAIL);
	case EDITOR_POST:
		break;
	}
	return (DRAFT_POST);
}

static int
is_mail(const struct editor *ed)
{
	return (ed->req.kind == EDITOR_MAIL);
}

/* Bytes of the UTF-8 encoding of c. */
static size_t
utf8_size(int c)
{
	if (c < 0x80)
		return (1);
	if (c < 0x800)
		return (2);
	if (c < 0x10000)
		return (3);
	return (4);
}

/* The draft timer and the Esc wait, whichever comes first. */
static void
editor_schedule(struct ui *ui, struct editor *ed)
{
	int64_t	left;

	if (ed->esc) {
		ui_set_timer(ui, 0);
		return;
	}
	if (ed->save_at == 0) {
		ui_set_timer(ui, -1);
		return;
	}
	left = ed->save_at - now_ms();
	ui_set_timer(ui, left < 0 ? 0 : (int)(left > 60000 ? 60000 : left));
}

static void
editor_save_draft(struct ui *ui, struct editor *ed)
{
	struct draft	d;
	size_t		cur;
	int		r;

	memset(&d, 0, sizeof d);
	d.kind = draft_kind_of(ed->req.kind);
	d.target = ed->req.target;
	if (is_mail(ed))
		(void)str_copy(d.recipient, winput_text(&ed->to),
		    sizeof d.recipient);
	(void)str_copy(d.subject, winput_text(&ed->subject), sizeof d.subject);
	d.body = editbuf_text(&ed->eb, 0, &cur);
	d.cursor = (int)cur;
	r = draft_save(ui->db, ui->user.id, &d);
	free(d.body);
	if (r == RELAIS_OK) {
		ed->dirty = 0;
		ed->save_at = 0;
		return;
	}
	if (r == RELAIS_ERR_TOOBIG || r == RELAIS_ERR_INVALID) {
		/* Over the limit after a long quote: the member is told when
		 * sending; retrying cannot help until they cut. */
		log_debug("draft not saved: %s", relais_strerror(r));
		ed->save_at = 0;
		return;
	}
	log_warn("draft not saved: %s", relais_strerror(r));
	ed->save_at = now_ms() + EDITOR_RETRY_MS;
}

/* Something changed: save it within a second, or at once. */
static void
editor_changed(struct editor *ed, int now)
{
	ed->touched = 1;
	ed->dirty = 1;
	if (now)
		ed->save_at = now_ms();
	else if (ed->save_at == 0)
		ed->save_at = now_ms() + EDITOR_SAVE_MS;
}

static void
editor_forget_draft(struct ui *ui, struct editor *ed)
{
	int	r;

	ed->dirty = 0;
	ed->save_at = 0;
	r = draft_delete(ui->db, ui->user.id, draft_kind_of(ed->req.kind),
	    ed->req.target);
	if (r != RELAIS_OK && r != RELAIS_ERR_NOTFOUND)
		log_warn("draft not deleted: %s", relais_strerror(r));
}

static void
editor_too_big(struct ui *ui)
{
	ui_notice(ui, _("Your message has reached the maximum size (%d KB): "
	    "what you typed or pasted was not added."), RELAIS_BODY_MAX / 1024);
}

/*
 * A few more key sequences.
 */

/* The key code of seq: the terminal's if it has one, else ours. */
static int
editor_define(const char *seq, int mine)
{
	int	k = key_defined(seq);

	if (k > 0)
		return (k);
	if (k == 0 && define_key(seq, mine) == OK)
		return (mine);
	return (-1);
}

static void
editor_keys(struct editor *ed)
{
	static const struct {
		const char	*seq;
		int		 fkey;		/* F2, F10, or 0 */
		int		 right;		/* word right, else left */
	} seqs[] = {
		{ "\033OQ", 2, 0 },	{ "\033[12~", 2, 0 },
		{ "\033[21~", 10, 0 },
		{ "\033[1;5D", 0, 0 },	{ "\033[1;5C", 0, 1 },
		{ "\033[5D", 0, 0 },	{ "\033[5C", 0, 1 },
		{ "\033Od", 0, 0 },	{ "\033Oc", 0, 1 },
	};
	size_t	i;
	int	k;

	ed->key_wleft = ed->key_wright = -1;
	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		if (seqs[i].fkey != 0) {
			(void)editor_define(seqs[i].seq, KEY_F(seqs[i].fkey));
			continue;
		}
		k = editor_define(seqs[i].seq, seqs[i].right ?
		    EDITOR_KEY_WRIGHT : EDITOR_KEY_WLEFT);
		if (k < 0)
			continue;
		if (seqs[i].right && ed->key_wright < 0)
			ed->key_wright = k;
		else if (!seqs[i].right && ed->key_wleft < 0)
			ed->key_wleft = k;
	}
}

/*
 * Opening and closing.
 */

void
editor_open(struct ui *ui, const struct editor_request *req,
    const struct screen **next)
{
	struct editor	*ed;

	*next = NULL;
	if (ui->depth >= UI_STACK_MAX) {
		ui_notice(ui, "%s", _("Too many screens are open: go back "
		    "first."));
		free(req->quote);
		return;
	}
	ed = xcalloc(1, sizeof *ed);
	ed->ops = editor_ops;
	ed->req = *req;
	*next = &ed->ops;
}

/* The first line of the initial text when it is not quoted ("X wrote:"):
 * a body made of it and quotes has nothing of the member's. */
static char *
first_line(const char *text)
{
	size_t	n;

	if (text == NULL)
		return (NULL);
	n = strcspn(text, "\n");
	if (n == 0 || text[0] == '>' || text[n] != '\n')
		return (NULL);
	return (xstrndup(text, n));
}

/* The draft offer: R takes it back, N starts anew (the draft is
 * deleted), Esc closes the editor and keeps the draft for later. */
static const struct ui_choice editor_offer_choices[] = {
	{ 'R', N_("Resume the draft") },
	{ 'N', N_("New text (the draft is deleted)") },
	{ 0, NULL }
};

static enum ui_next
editor_offer_answer(struct ui *ui, int choice, const struct screen **next)
{
	struct editor	*ed = editor_self(ui);

	(void)next;
	ed->offering = 0;
	if (choice < 0) {
		draft_clear(&ed->offer);
		ed->dirty = 0;		/* leave the saved draft as it is */
		return (UI_POP);
	}
	if (choice == 0) {
		if (is_mail(ed))
			winput_set(&ed->to, ed->offer.recipient);
		winput_set(&ed->subject, ed->offer.subject);
		if (editbuf_load(&ed->eb, ed->offer.body != NULL ?
		    ed->offer.body : "", ed->offer.cursor > 0 ?
		    (size_t)ed->offer.cursor : 0) != RELAIS_OK)
			log_warn("draft of %s cut", ui->user.handle);
		ed->touched = 1;
		ed->focus = FOCUS_BODY;
		ed->top_line = 0;
		ed->top_row = 0;
		ui_notice(ui, "%s", _("Your draft is back."));
	} else
		editor_forget_draft(ui, ed);
	draft_clear(&ed->offer);
	return (UI_STAY);
}

static void
editor_offer(struct ui *ui, struct editor *ed)
{
	char	date[32], *q;
	int	r;

	r = draft_load(ui->db, ui->user.id, draft_kind_of(ed->req.kind),
	    ed->req.target, &ed->offer);
	if (r != RELAIS_OK) {
		if (r != RELAIS_ERR_NOTFOUND)
			log_warn("draft not read: %s", relais_strerror(r));
		return;
	}
	ed->offering = 1;
	ui_date(date, sizeof date, ed->offer.updated, 1);
	xasprintf(&q, _("Draft of %s"), date);
	ui_choose(ui, q, editor_offer_choices, editor_offer_answer);
	free(q);
}

static void
editor_enter(struct ui *ui)
{
	struct editor	*ed = editor_self(ui);
	int		 r;

	winput_init(&ed->to, RELAIS_HANDLE_MAX, RELAIS_HANDLE_MAX, 0);
	winput_init(&ed->subject, RELAIS_SUBJECT_MAX, RELAIS_SUBJECT_MAX, 0);
	if (is_mail(ed))
		winput_set(&ed->to, ed->req.recipient);
	winput_set(&ed->subject, ed->req.subject);
	editbuf_init(&ed->eb, RELAIS_BODY_MAX, ui->cols > 1 ? ui->cols - 1 :
	    1);
	editbuf_set_ascii(&ed->eb, ui->ascii);
	if (ed->req.quote != NULL) {
		r = editbuf_load(&ed->eb, ed->req.quote,
		    strlen(ed->req.quote));
		if (r != RELAIS_OK)
			ui_notice(ui, "%s", _("The quoted text was too long "
			    "and its end was left out."));
		else if (editbuf_size(&ed->eb) > RELAIS_BODY_MAX)
			ui_notice(ui, "%s", _("The quoted text is longer than "
			    "a message may be: cut the quoted lines you do not "
			    "need with Ctrl-Y."));
		ed->attribution = first_line(ed->req.quote);
	}
	if (is_mail(ed) && winput_text(&ed->to)[0] == '\0')
		ed->focus = FOCUS_TO;
	else if (winput_text(&ed->subject)[0] == '\0')
		ed->focus = FOCUS_SUBJECT;
	else
		ed->focus = FOCUS_BODY;
	ed->key_wleft = ed->key_wright = -1;
	editor_keys(ed);
	editor_offer(ui, ed);
}

static void
editor_leave(struct ui *ui)
{
	struct editor	*ed = editor_self(ui);

	if (ed->dirty)
		editor_save_draft(ui, ed);
	idlok(ui->body, FALSE);
	winput_free(&ed->to);
	winput_free(&ed->subject);
	editbuf_free(&ed->eb);
	draft_clear(&ed->offer);
	free(ed->req.quote);
	free(ed->attribution);
	free(ed->clip);
	free(ed->row);
	free(ed);		/* ui.c looks no more at the frame's screen */
}

static void
editor_hangup(struct ui *ui)
{
	struct editor	*ed = editor_self(ui);

	if (ed->dirty)
		editor_save_draft(ui, ed);
}

/*
 * Drawing.
 */

/* Keep the cursor in the h rows shown, and the view full. */
static void
editor_scroll(struct editor *ed, int h)
{
	struct editbuf	*eb = &ed->eb;
	size_t		 line;
	int		 row, col, r, moved;
	long		 d;

	if (ed->top_line >= eb->n) {
		ed->top_line = eb->n - 1;
		ed->top_row = 0;
	}
	if (ed->top_row >= editbuf_line_rows(eb, ed->top_line))
		ed->top_row = editbuf_line_rows(eb, ed->top_line) - 1;
	editbuf_cursor_rc(eb, &row, &col);
	d = editbuf_row_dist(eb, ed->top_line, ed->top_row, eb->cy, row);
	if (d < 0) {
		ed->top_line = eb->cy;
		ed->top_row = row;
	} else if (d >= h) {
		ed->top_line = eb->cy;
		ed->top_row = row;
		editbuf_row_step(eb, &ed->top_line, &ed->top_row, -(h - 1));
	}
	/* No empty rows at the bottom while there is text above. */
	line = ed->top_line;
	r = ed->top_row;
	moved = editbuf_row_step(eb, &line, &r, h - 1);
	if (moved < h - 1)
		editbuf_row_step(eb, &ed->top_line, &ed->top_row,
		    -(h - 1 - moved));
}

static void
editor_rule(struct ui *ui, struct editor *ed, int y)
{
	const char	*hz = ui->ascii ? "-" : "\xe2\x94\x80";
	char		*line, *size = NULL;
	size_t		 hl = strlen(hz), body = editbuf_size(&ed->eb);
	int		 i, w;

	line = xmalloc((size_t)ui->cols * hl + 1);
	for (i = 0; i < ui->cols; i++)
		memcpy(line + (size_t)i * hl, hz, hl);
	line[(size_t)ui->cols * hl] = '\0';
	ui_put(ui, ui->body, y, 0, line, ui->cols, A_NORMAL);
	free(line);
	/* The size only when it matters. */
	if (body >= (size_t)RELAIS_BODY_MAX / 10 * 9) {
		xasprintf(&size, _(" Size: %d%% of the maximum "),
		    (int)(body * 100 / RELAIS_BODY_MAX));
		w = ui_width(ui, size);
		if (w < ui->cols - 4)
			ui_put(ui, ui->body, y, ui->cols - w - 2, size, w,
			    body > RELAIS_BODY_MAX ? A_BOLD : A_NORMAL);
		free(size);
	}
}

static void
editor_draw(struct ui *ui)
{
	struct editor	*ed = editor_self(ui);
	struct editbuf	*eb = &ed->eb;
	const char	*lto = _("To:"), *lsubj = _("Subject:"), *hint;
	size_t		 line, s, e;
	int		 y = 1, lw, fx, fw, h, i, r, row, col, width;

	idlok(ui->body, TRUE);
	ui_title(ui, ed->req.title);
	lw = ui_width(ui, lsubj);
	if (is_mail(ed) && ui_width(ui, lto) > lw)
		lw = ui_width(ui, lto);
	if (lw > ui->cols / 3)
		lw = ui->cols / 3;
	fx = 1 + lw + 1;
	fw = ui->cols - fx - 1;
	if (is_mail(ed)) {
		ui_put(ui, ui->body, y, 1, lto, lw, ed->focus == FOCUS_TO ?
		    A_BOLD : A_NORMAL);
		winput_draw(ui, &ed->to, y, fx, fw, ed->focus == FOCUS_TO);
		y++;
	}
	ui_put(ui, ui->body, y, 1, lsubj, lw, ed->focus == FOCUS_SUBJECT ?
	    A_BOLD : A_NORMAL);
	winput_draw(ui, &ed->subject, y, fx, fw, ed->focus == FOCUS_SUBJECT);
	y++;
	editor_rule(ui, ed, y);
	y++;

	/* The text. */
	width = ui->cols > 1 ? ui->cols - 1 : 1;
	editbuf_set_ascii(eb, ui->ascii);
	editbuf_set_width(eb, width);
	h = ui->rows - y;
	if (h < 1)
		h = 1;
	ed->text_h = h;
	editor_scroll(ed, h);
	line = ed->top_line;
	r = ed->top_row;
	for (i = 0; i < h; i++) {
		editbuf_row_range(eb, line, r, &s, &e);
		if (e - s + 1 > ed->rowcap) {
			ed->rowcap = e - s + 1;
			ed->row = xreallocarray(ed->row, ed->rowcap, 1);
		}
		if (e > s)
			memcpy(ed->row, eb->l[line].s + s, e - s);
		ed->row[e - s] = '\0';
		ui_put(ui, ui->body, y + i, 0, ed->row, width + 1, A_NORMAL);
		if (editbuf_row_step(eb, &line, &r, 1) == 0)
			break;
	}
	if (ed->focus == FOCUS_BODY) {
		editbuf_cursor_rc(eb, &row, &col);
		i = (int)editbuf_row_dist(eb, ed->top_line, ed->top_row,
		    eb->cy, row);
		ui_cursor(ui, y + i, col < ui->cols ? col : ui->cols - 1);
	}

	hint = _("^S Send  ^X Abandon  ^Y Cut line  ^G Help");
	if (ui_width(ui, hint) > ui->cols - 2)
		hint = _("^S Send ^X Abandon ^G Help");
	ui_hint(ui, hint);
}

/*
 * Sending and abandoning.
 */

static enum ui_next
editor_send_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct editor	*ed = editor_self(ui);
	char		 err[512], *to, *subject, *body;
	int		 r;

	(void)next;
	if (!yes)
		return (UI_STAY);
	to = xstrdup(is_mail(ed) ? winput_text(&ed->to) : "");
	str_trim(to);
	subject = xstrdup(winput_text(&ed->subject));
	str_trim(subject);
	body = editbuf_text(&ed->eb, 1, NULL);
	err[0] = '\0';
	if (ed->req.submit == NULL)
		r = RELAIS_ERR_INVALID;
	else
		r = ed->req.submit(ui, &ed->req, to, subject, body, err,
		    sizeof err);
	free(to);
	free(subject);
	free(body);
	if (r != RELAIS_OK) {
		log_info("%s: not sent: %s", ed->req.title,
		    relais_strerror(r));
		ui_message(ui, _("Not sent"), err[0] != '\0' ? err :
		    _("Your message could not be sent. Please try again "
		    "later; it is kept as a draft."), NULL);
		if (ed->dirty)
			editor_save_draft(ui, ed);
		return (UI_STAY);
	}
	editor_forget_draft(ui, ed);
	ed->touched = 0;
	if (err[0] != '\0')
		ui_notice(ui, "%s", err);
	else
		ui_notice(ui, "%s", _("Your message has been sent."));
	return (UI_POP);
}

/* Check what would be sent; 0 if fine, else -1 after saying why. */
static int
editor_check(struct ui *ui, struct editor *ed)
{
	char	*t;
	size_t	 size = editbuf_size(&ed->eb);
	int	 r;

	if (is_mail(ed)) {
		t = xstrdup(winput_text(&ed->to));
		str_trim(t);
		r = t[0] == '\0';
		free(t);
		if (r) {
			ed->focus = FOCUS_TO;
			ui_message(ui, _("Not sent"), _("Please enter the "
			    "handle of the member you write to (Tab "
			    "completes it)."), NULL);
			return (-1);
		}
	}
	switch (msg_subject_check(winput_text(&ed->subject))) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
		ed->focus = FOCUS_SUBJECT;
		ui_message(ui, _("Not sent"), _("Your message needs a "
		    "subject."), NULL);
		return (-1);
	case RELAIS_ERR_TOOBIG:
		ed->focus = FOCUS_SUBJECT;
		ui_message(ui, _("Not sent"), _("The subject is too long: "
		    "please shorten it."), NULL);
		return (-1);
	default:
		ed->focus = FOCUS_SUBJECT;
		ui_message(ui, _("Not sent"), _("The subject contains "
		    "characters that cannot be sent."), NULL);
		return (-1);
	}
	if (editbuf_blank(&ed->eb)) {
		ed->focus = FOCUS_BODY;
		ui_message(ui, _("Not sent"), _("Your message is empty: write "
		    "something before sending it."), NULL);
		return (-1);
	}
	if (editbuf_only_quote(&ed->eb, ed->attribution)) {
		ed->focus = FOCUS_BODY;
		ui_message(ui, _("Not sent"), _("Your message only contains "
		    "quoted text: add your own words (and cut with Ctrl-Y the "
		    "quoted lines you do not answer)."), NULL);
		return (-1);
	}
	if (size > RELAIS_BODY_MAX) {
		ed->focus = FOCUS_BODY;
		xasprintf(&t, _("Your message is too long: %zu KB, for at most "
		    "%d KB. Shorten it, for instance by cutting quoted lines "
		    "with Ctrl-Y."), (size + 1023) / 1024,
		    RELAIS_BODY_MAX / 1024);
		ui_message(ui, _("Not sent"), t, NULL);
		free(t);
		return (-1);
	}
	return (0);
}

static enum ui_next
editor_send(struct ui *ui, struct editor *ed)
{
	if (editor_check(ui, ed) == 0)
		ui_confirm(ui, _("Send this message?"), editor_send_answer);
	return (UI_STAY);
}

static enum ui_next
editor_abandon_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct editor	*ed = editor_self(ui);

	(void)next;
	if (!yes)
		return (UI_STAY);
	editor_forget_draft(ui, ed);
	ed->touched = 0;
	ui_notice(ui, "%s", _("Message abandoned."));
	return (UI_POP);
}

static enum ui_next
editor_abandon(struct ui *ui, struct editor *ed)
{
	if (!ed->touched)
		return (UI_POP);	/* nothing of the member's to lose */
	ui_confirm(ui, _("Abandon this message? Your text will be lost."),
	    editor_abandon_answer);
	return (UI_STAY);
}

/*
 * Keys.
 */

/* Tab in the To field: complete the handle, or go on when it is one. */
static void
editor_complete(struct ui *ui, struct editor *ed)
{
	char	 found[EDITOR_COMPLETE_MAX][RELAIS_HANDLE_MAX + 1];
	char	*prefix, *list, *t;
	size_t	 common, j;
	int	 n, i;

	prefix = xstrdup(winput_text(&ed->to));
	str_trim(prefix);
	if (mail_complete(ui->db, prefix, found, EDITOR_COMPLETE_MAX, &n) !=
	    RELAIS_OK) {
		ui_notice(ui, "%s", _("Handles cannot be looked up right "
		    "now."));
		goto out;
	}
	if (n == 0) {
		ui_notice(ui, _("No member's handle starts with \"%s\"."),
		    prefix);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (strcasecmp(found[i], prefix) == 0) {
			if (strcmp(found[i], winput_text(&ed->to)) != 0) {
				winput_set(&ed->to, found[i]);
				editor_changed(ed, 0);
			}
			ed->focus = FOCUS_SUBJECT;
			goto out;
		}
	}
	/* The longest beginning they share (handles are ASCII). */
	common = strlen(found[0]);
	for (i = 1; i < n; i++) {
		for (j = 0; j < common && found[i][j] != '\0' &&
		    (found[i][j] | 0x20) == (found[0][j] | 0x20); j++)
			;
		common = j;
	}
	if (n == 1 || common > strlen(prefix)) {
		found[0][common] = '\0';
		winput_set(&ed->to, found[0]);
		editor_changed(ed, 0);
	}
	if (n > 1) {
		list = xstrdup(found[0]);
		for (i = 1; i < n; i++) {
			xasprintf(&t, "%s, %s", list, found[i]);
			free(list);
			list = t;
		}
		ui_notice(ui, _("Handles: %s%s"), list,
		    n == EDITOR_COMPLETE_MAX ? ", ..." : "");
		free(list);
	}
out:
	free(prefix);
}

static void
editor_field_key(struct ui *ui, struct editor *ed, int key)
{
	struct winput	*in = ed->focus == FOCUS_TO ? &ed->to : &ed->subject;
	char		 before[RELAIS_SUBJECT_MAX + 1];
	int		 c;

	if (key == '\t' && ed->focus == FOCUS_TO) {
		editor_complete(ui, ed);
		return;
	}
	if (key == '\t' || key == KEY_DOWN || ui_key_enter(key)) {
		ed->focus = ed->focus == FOCUS_TO ? FOCUS_SUBJECT : FOCUS_BODY;
		return;
	}
	if (key == KEY_UP || key == KEY_BTAB) {
		if (ed->focus == FOCUS_SUBJECT && is_mail(ed))
			ed->focus = FOCUS_TO;
		return;
	}
	c = ui_key_char(key);
	if (c >= 0x20 && c != 0x7f && in->len + utf8_size(c) > in->max_bytes) {
		if (ed->focus == FOCUS_TO)
			ui_notice(ui, _("A handle has at most %d characters."),
			    RELAIS_HANDLE_MAX);
		else
			ui_notice(ui, "%s", _("The subject has reached its "
			    "maximum length."));
		return;
	}
	(void)str_copy(before, winput_text(in), sizeof before);
	if (winput_key(in, key) == WINPUT_EDIT &&
	    strcmp(before, winput_text(in)) != 0)
		editor_changed(ed, 0);
}

static void
editor_insert_result(struct ui *ui, struct editor *ed, int r, int now)
{
	if (r == RELAIS_OK)
		editor_changed(ed, now);
	else if (r == RELAIS_ERR_TOOBIG)
		editor_too_big(ui);
}

static void
editor_body_key(struct ui *ui, struct editor *ed, int key)
{
	struct editbuf	*eb = &ed->eb;
	char		*cut, *t;
	int		 c, row, col, cr = 0, cutting = 0, page;

	page = ed->text_h > 2 ? ed->text_h - 1 : 1;
	if (key == ed->key_wleft && key > 0)
		key = EDITOR_KEY_WLEFT;
	else if (key == ed->key_wright && key > 0)
		key = EDITOR_KEY_WRIGHT;
	switch (key) {
	case KEY_LEFT:
	case UI_CTRL('b'):
		editbuf_left(eb);
		break;
	case KEY_RIGHT:
	case UI_CTRL('f'):
		editbuf_right(eb);
		break;
	case KEY_UP:
	case UI_CTRL('p'):
		editbuf_cursor_rc(eb, &row, &col);
		if (eb->cy == 0 && row == 0)
			ed->focus = FOCUS_SUBJECT;
		else
			editbuf_up(eb);
		break;
	case KEY_DOWN:
	case UI_CTRL('n'):
		editbuf_down(eb);
		break;
	case KEY_HOME:
		editbuf_home(eb);
		break;
	case KEY_END:
		editbuf_end(eb);
		break;
	case UI_CTRL('a'):
		editbuf_line_home(eb);
		break;
	case UI_CTRL('e'):
		editbuf_line_end(eb);
		break;
	case EDITOR_KEY_WLEFT:
		editbuf_word_left(eb);
		break;
	case EDITOR_KEY_WRIGHT:
		editbuf_word_right(eb);
		break;
	case KEY_PPAGE:
		editbuf_row_step(eb, &ed->top_line, &ed->top_row,
		    -editbuf_page_up(eb, page));
		break;
	case KEY_NPAGE:
		editbuf_row_step(eb, &ed->top_line, &ed->top_row,
		    editbuf_page_down(eb, page));
		break;
	case KEY_BTAB:
		ed->focus = FOCUS_SUBJECT;
		break;
	case KEY_BACKSPACE:
	case 0x7f:
	case UI_CTRL('h'):
		if (editbuf_backspace(eb))
			editor_changed(ed, 0);
		break;
	case KEY_DC:
	case UI_CTRL('d'):
		if (editbuf_delete(eb))
			editor_changed(ed, 0);
		break;
	case UI_CTRL('k'):
		if (editbuf_kill_eol(eb))
			editor_changed(ed, 0);
		break;
	case UI_CTRL('y'):
		if (editbuf_cut_line(eb, &cut)) {
			if (ed->last_cut && ed->clip != NULL) {
				xasprintf(&t, "%s%s", ed->clip, cut);
				free(cut);
				cut = t;
			}
			free(ed->clip);
			ed->clip = cut;
			editor_changed(ed, 0);
		}
		cutting = 1;
		break;
	case UI_CTRL('u'):
		if (ed->clip != NULL)
			editor_insert_result(ui, ed, editbuf_insert_str(eb,
			    ed->clip, strlen(ed->clip)), 0);
		break;
	case '\t':
		editor_insert_result(ui, ed, editbuf_insert(eb, '\t'), 0);
		break;
	default:
		if (ui_key_enter(key)) {
			/* CR LF from a paste is one newline. */
			if (key == '\n' && ed->last_cr)
				break;
			cr = key == '\r';
			editor_insert_result(ui, ed, editbuf_split(eb), 1);
			break;
		}
		if ((c = ui_key_char(key)) >= 0x20 && c != 0x7f)
			editor_insert_result(ui, ed, editbuf_insert(eb,
			    (uint32_t)c), 0);
		break;
	}
	ed->last_cr = cr;
	ed->last_cut = cutting;
}

/* A key right after Esc (Alt-key): a command; else Esc was alone. */
static enum ui_next
editor_esc_key(struct ui *ui, struct editor *ed, int key)
{
	switch (ui_key_char(key)) {
	case 's':
	case 'S':
	case '2':
		return (editor_send(ui, ed));
	case 'x':
	case 'X':
	case '0':
		return (editor_abandon(ui, ed));
	case '1':
	case 'h':
	case 'H':
		ui_help(ui);
		return (UI_STAY);
	case 'b':
	case 'B':
		if (ed->focus == FOCUS_BODY)
			editbuf_word_left(&ed->eb);
		return (UI_STAY);
	case 'f':
	case 'F':
		if (ed->focus == FOCUS_BODY)
			editbuf_word_right(&ed->eb);
		return (UI_STAY);
	}
	return (editor_abandon(ui, ed));
}

static enum ui_next
editor_key(struct ui *ui, int key, const struct screen **next)
{
	struct editor	*ed = editor_self(ui);
	enum ui_next	 r = UI_STAY;

	(void)next;
	if (ed->esc) {
		ed->esc = 0;
		r = editor_esc_key(ui, ed, key);
		goto out;
	}
	switch (key) {
	case UI_CTRL('s'):
	case KEY_F(2):
		r = editor_send(ui, ed);
		goto out;
	case UI_CTRL('x'):
	case KEY_F(10):
		r = editor_abandon(ui, ed);
		goto out;
	case UI_KEY_ESC:
		ed->esc = 1;
		goto out;
	case UI_CTRL('g'):
		ui_help(ui);
		goto out;
	}
	if (ed->focus == FOCUS_BODY)
		editor_body_key(ui, ed, key);
	else
		editor_field_key(ui, ed, key);
out:
	if (r == UI_STAY)
		editor_schedule(ui, ed);
	return (r);
}

/* Esc stayed alone, or a draft is due. */
static enum ui_next
editor_tick(struct ui *ui, const struct screen **next)
{
	struct editor	*ed = editor_self(ui);
	enum ui_next	 r = UI_STAY;

	(void)next;
	if (ed->esc) {
		ed->esc = 0;
		r = editor_abandon(ui, ed);
		if (r != UI_STAY)
			return (r);
	}
	if (ed->save_at != 0 && now_ms() >= ed->save_at) {
		if (ed->dirty)
			editor_save_draft(ui, ed);
		else
			ed->save_at = 0;
	}
	editor_schedule(ui, ed);
	return (r);
}
