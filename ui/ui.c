/*
 * ui.c: the terminal, the screen stack and the one event loop.
 *
 * Members are on slow links, so output is cheap by construction: every
 * event redraws the current screen into the windows after werase() (never
 * clear()), each window gets wnoutrefresh() and one doupdate() sends only
 * the cells that differ from what the terminal shows. A full repaint
 * happens only on Ctrl-L and after a resize. Nothing animates.
 *
 * The loop waits in ppoll() on the tty with SIGWINCH blocked outside the
 * wait, so a window change always interrupts it; ncurses then hands us
 * KEY_RESIZE. The timeout is the idle timer: a warning in the footer one
 * minute before the end, then a goodbye; or sooner, the current screen's
 * own timer (ui_set_timer()), which calls its tick() once the keys that
 * arrived are handled. A dropped connection (SIGHUP or SIGTERM, blocked
 * outside the wait like SIGWINCH so it always interrupts it, or a tty
 * that hangs up) reads the keys still pending, then calls every screen's
 * hangup() so that nothing typed is lost, and leaves without drawing.
 * The hub's socket (online.c) is polled beside the tty; what it brings
 * is drawn only when it changes what the member sees.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "online.h"
#include "ui.h"
#include "widget.h"

#define UI_WARN_BEFORE	60	/* seconds of warning before idle exit */
#define UI_EMPTY_MAX	50	/* readable but nothing read: hung up */

/* Why the loop ends (ui->done). */
#define UI_DONE_LEAVE	1	/* the member left */
#define UI_DONE_IDLE	2	/* idle timeout */
#define UI_DONE_ERROR	3
#define UI_DONE_HANGUP	4	/* the connection dropped */

#define UI_HANGUP_KEYS	4096	/* keys still read after a hangup */

/* Set by SIGHUP and SIGTERM. */
static volatile sig_atomic_t	ui_hup;

static void	ui_dialog_close(struct ui *);
static void	ui_go(struct ui *, enum ui_next, const struct screen *);

/*
 * Keys.
 */

int
ui_key_char(int key)
{
	if (key >= UI_KEY_WIDE)
		return (key - UI_KEY_WIDE);
	if (key >= 0 && key < KEY_CODE_YES)
		return (key);
	return (-1);
}

int
ui_key_is(int key, int letter)
{
	if (key < 0 || key > 0x7f)
		return (0);
	if (key >= 'a' && key <= 'z')
		key -= 'a' - 'A';
	if (letter >= 'a' && letter <= 'z')
		letter -= 'a' - 'A';
	return (key == letter);
}

int
ui_key_back(int key)
{
	return (key == UI_KEY_ESC || ui_key_is(key, 'Q'));
}

int
ui_key_enter(int key)
{
	return (key == '\r' || key == '\n' || key == KEY_ENTER);
}

int
ui_key_yes(int key)
{
	return (ui_key_is(key, 'O') || ui_key_is(key, 'Y'));
}

int
ui_key_no(int key)
{
	return (ui_key_is(key, 'N'));
}

/*
 * Time.
 */

static int64_t
ui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/*
 * State a screen sets while drawing or handling a key.
 */

void
ui_cursor(struct ui *ui, int y, int x)
{
	ui->cur_y = y;
	ui->cur_x = x;
}

void
ui_hint(struct ui *ui, const char *hint)
{
	ui->hint = hint;
}

void
ui_notice(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	free(ui->notice);
	va_start(ap, fmt);
	if (vasprintf(&ui->notice, fmt, ap) == -1)
		fatalx("vasprintf failed");
	va_end(ap);
}

void
ui_status_set_extra(struct ui *ui, const char *text)
{
	free(ui->extra);
	ui->extra = text != NULL && *text != '\0' ? xstrdup(text) : NULL;
}

void
ui_set_lang(struct ui *ui, const char *lang)
{
	i18n_set_lang(lang);
	str_copy(ui->user.lang, i18n_lang(), sizeof ui->user.lang);
}

void
ui_set_ascii(struct ui *ui, int ascii)
{
	ui->ascii = ascii != 0;
}

/*
 * The dialog.
 */

static void
ui_dialog_open(struct ui *ui, enum ui_dialog_kind kind, const char *title,
    const char *text, const struct ui_choice *choices, ui_answer_fn done)
{
	ui_dialog_close(ui);
	ui->dlg.kind = kind;
	ui->dlg.title = title != NULL ? xstrdup(title) : NULL;
	ui->dlg.text = xstrdup(text != NULL ? text : "");
	ui->dlg.choices = choices;
	ui->dlg.top = 0;
	ui->dlg.more = 0;
	ui->dlg.done = done;
}

static void
ui_dialog_close(struct ui *ui)
{
	free(ui->dlg.title);
	free(ui->dlg.text);
	memset(&ui->dlg, 0, sizeof ui->dlg);
	ui->dlg.kind = UI_DIALOG_NONE;
}

void
ui_message(struct ui *ui, const char *title, const char *text,
    ui_answer_fn done)
{
	ui_dialog_open(ui, UI_DIALOG_MESSAGE, title, text, NULL, done);
}

void
ui_confirm(struct ui *ui, const char *question, ui_answer_fn done)
{
	ui_dialog_open(ui, UI_DIALOG_CONFIRM, NULL, question, NULL, done);
}

void
ui_choose(struct ui *ui, const char *title, const struct ui_choice *choices,
    ui_answer_fn done)
{
	ui_dialog_open(ui, UI_DIALOG_CHOICE, title, NULL, choices, done);
}

void
ui_help(struct ui *ui)
{
	const struct screen	*scr = ui->stack[ui->depth - 1].scr;

	ui_message(ui, _("Help"), scr->help != NULL ? _(scr->help) :
	    _("There is no help for this screen."), NULL);
}

/*
 * The screen stack.
 */

void *
ui_priv(struct ui *ui)
{
	return (ui->depth > 0 ? ui->stack[ui->depth - 1].priv : NULL);
}

void
ui_set_priv(struct ui *ui, void *priv)
{
	if (ui->depth > 0)
		ui->stack[ui->depth - 1].priv = priv;
}

void
ui_set_timer(struct ui *ui, int ms)
{
	int64_t	t;

	if (ui->depth == 0)
		return;
	t = ms < 0 ? 0 : ui_now_ms() + ms;
	ui->stack[ui->depth - 1].timer = ms >= 0 && t == 0 ? 1 : t;
}

static void
ui_leave_top(struct ui *ui)
{
	struct ui_frame	*f = &ui->stack[ui->depth - 1];

	ui_dialog_close(ui);
	f->timer = 0;
	if (f->scr->leave != NULL)
		f->scr->leave(ui);
	f->priv = NULL;
}

static void
ui_enter_top(struct ui *ui, const struct screen *scr)
{
	ui->stack[ui->depth - 1].scr = scr;
	ui->stack[ui->depth - 1].priv = NULL;
	ui->stack[ui->depth - 1].timer = 0;
	log_debug("screen %s", scr->name);
	if (scr->enter != NULL)
		scr->enter(ui);
}

static void
ui_go(struct ui *ui, enum ui_next r, const struct screen *next)
{
	switch (r) {
	case UI_STAY:
		break;
	case UI_PUSH:
		if (next == NULL)
			break;
		if (ui->depth == UI_STACK_MAX) {
			log_warn("screen stack full, %s not shown", next->name);
			break;
		}
		ui->depth++;
		ui_enter_top(ui, next);
		break;
	case UI_REPLACE:
		if (next == NULL)
			break;
		ui_leave_top(ui);
		ui_enter_top(ui, next);
		break;
	case UI_POP:
		ui_leave_top(ui);
		if (--ui->depth == 0)
			ui->done = UI_DONE_LEAVE;
		break;
	case UI_QUIT:
		ui->done = UI_DONE_LEAVE;
		break;
	}
}

/*
 * Windows and drawing.
 */

static int
ui_too_small(void)
{
	return (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS);
}

static int
ui_windows(struct ui *ui)
{
	int	rows = LINES > 2 ? LINES - 2 : 1;

	if (ui->wstatus != NULL)
		delwin(ui->wstatus);
	if (ui->body != NULL)
		delwin(ui->body);
	if (ui->wfoot != NULL)
		delwin(ui->wfoot);
	ui->wstatus = newwin(1, COLS, 0, 0);
	ui->body = newwin(rows, COLS, LINES > 1 ? 1 : 0, 0);
	ui->wfoot = newwin(1, COLS, LINES - 1, 0);
	if (ui->wstatus == NULL || ui->body == NULL || ui->wfoot == NULL) {
		log_warn("cannot make windows for %dx%d", COLS, LINES);
		return (RELAIS_ERR_SYSTEM);
	}
	ui->rows = rows;
	ui->cols = COLS;
	wbkgdset(ui->wstatus, ' ' | A_REVERSE);
	leaveok(ui->wstatus, TRUE);
	leaveok(ui->wfoot, TRUE);
	leaveok(ui->body, TRUE);
	keypad(ui->body, TRUE);
	nodelay(ui->body, TRUE);
	/* Nothing is sent before the next doupdate(); this only keeps
	 * wget_wch() from refreshing a new, blank window by itself. */
	wnoutrefresh(ui->wstatus);
	wnoutrefresh(ui->body);
	wnoutrefresh(ui->wfoot);
	return (RELAIS_OK);
}

static void
ui_draw_status(struct ui *ui)
{
	const char	*left = online_status_text(ui);
	char		*right;
	int		 rw, lw;

	if (ui->extra != NULL)
		xasprintf(&right, "%s  %s", ui->extra, ui->user.handle);
	else
		right = xstrdup(ui->user.handle);
	rw = ui_width(ui, right);
	if (rw > ui->cols / 2)
		rw = ui->cols / 2;
	lw = ui->cols - rw - 3;
	/* A page waiting takes the place of the name. */
	ui_put(ui, ui->wstatus, 0, 1, left != NULL ? left :
	    ui->conf->bbs_name, lw, left != NULL ? A_REVERSE | A_BOLD :
	    A_REVERSE);
	ui_put(ui, ui->wstatus, 0, ui->cols - rw - 1, right, rw, A_REVERSE);
	free(right);
}

/* A footer message; when it does not fit on one row it takes the last
 * body row too. */
static void
ui_footer_text(struct ui *ui, const char *text, attr_t attr)
{
	char	**lines;
	int	  n, w = ui->cols - 2;

	if (ui_width(ui, text) <= w || ui->rows < 2) {
		ui_put(ui, ui->wfoot, 0, 1, text, w, attr);
		return;
	}
	n = ui_wrap(ui, text, w, &lines);
	wmove(ui->body, ui->rows - 1, 0);
	wclrtoeol(ui->body);
	ui_put(ui, ui->body, ui->rows - 1, 1, lines[0], w, attr);
	if (n > 1)
		ui_put(ui, ui->wfoot, 0, 1, lines[1], w, attr);
	ui_lines_free(lines, n);
}

static void
ui_draw_footer(struct ui *ui)
{
	char	*s;
	int	 left, warn;

	if (ui->warned) {
		left = ui->conf->idle_timeout;
		warn = left > 2 * UI_WARN_BEFORE ? UI_WARN_BEFORE : left / 2;
		xasprintf(&s, _("No activity: you will be disconnected in %d "
		    "seconds. Press a key to stay."), warn);
		ui_footer_text(ui, s, A_BOLD);
		free(s);
	} else if (ui->notice != NULL)
		ui_footer_text(ui, ui->notice, A_BOLD);
	else if (ui->hint != NULL)
		ui_put(ui, ui->wfoot, 0, 1, ui->hint, ui->cols - 2, A_NORMAL);
	else
		ui_put(ui, ui->wfoot, 0, 1, _("?=Help  Esc=Back"),
		    ui->cols - 2, A_NORMAL);
}

static void
ui_show_cursor(struct ui *ui, int on)
{
	if (ui->cursor != on) {
		curs_set(on);
		ui->cursor = on;
	}
}

static void
ui_redraw(struct ui *ui)
{
	const struct screen	*scr = ui->stack[ui->depth - 1].scr;

	werase(ui->wstatus);
	werase(ui->body);
	werase(ui->wfoot);
	ui->cur_y = ui->cur_x = -1;
	ui->hint = NULL;
	if (ui_too_small()) {
		ui_put(ui, ui->body, 0, 0, _("Window too small"), ui->cols,
		    A_NORMAL);
		ui_show_cursor(ui, 0);
		wnoutrefresh(ui->wstatus);
		wnoutrefresh(ui->wfoot);
		wnoutrefresh(ui->body);
		doupdate();
		return;
	}
	scr->draw(ui);
	if (ui->dlg.kind != UI_DIALOG_NONE) {
		ui->cur_y = ui->cur_x = -1;
		wdialog_draw(ui, &ui->dlg);
	}
	ui->typing = ui->cur_y >= 0;
	ui_draw_status(ui);
	ui_draw_footer(ui);
	wnoutrefresh(ui->wstatus);
	wnoutrefresh(ui->wfoot);
	if (ui->typing) {
		leaveok(ui->body, FALSE);
		wmove(ui->body, ui->cur_y, ui->cur_x);
	} else {
		leaveok(ui->body, TRUE);
		ui_show_cursor(ui, 0);
	}
	wnoutrefresh(ui->body);
	doupdate();
	if (ui->typing)
		ui_show_cursor(ui, 1);
}

static void
ui_goodbye(struct ui *ui, const char *text)
{
	werase(ui->wstatus);
	werase(ui->body);
	werase(ui->wfoot);
	ui_draw_status(ui);
	ui_para(ui, 1, 2, ui->cols - 4, ui->rows - 1, text, A_NORMAL);
	ui_show_cursor(ui, 0);
	wnoutrefresh(ui->wstatus);
	wnoutrefresh(ui->wfoot);
	wnoutrefresh(ui->body);
	doupdate();
}

/*
 * Set-up.
 */

/* Sequences that terminals send whatever their terminfo entry says
 * (PuTTY's Home and End, rxvt's, VT220 keypads). */
static const struct {
	const char	*seq;
	int		 key;
} ui_extra_keys[] = {
	{ "\033[1~", KEY_HOME },	{ "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME },	{ "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME },	{ "\033[F", KEY_END },
	{ "\033OH", KEY_HOME },	{ "\033OF", KEY_END },
	{ "\033[2~", KEY_IC },		{ "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE },	{ "\033[6~", KEY_NPAGE },
	{ "\033[A", KEY_UP },		{ "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT },	{ "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP },		{ "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT },	{ "\033OD", KEY_LEFT },
	{ "\033[Z", KEY_BTAB },	{ "\033OP", KEY_F(1) },
	{ "\033[11~", KEY_F(1) },
};

int
ui_init(struct ui *ui)
{
	const char	*term = getenv("TERM");
	size_t		 i;

	ui->cur_y = ui->cur_x = -1;
	ui->dlg.kind = UI_DIALOG_NONE;
	if (term == NULL || *term == '\0')
		term = "vt100";
	if ((ui->sp = newterm(term, stdout, stdin)) == NULL) {
		log_warn("no terminal description for %s, using vt100", term);
		term = "vt100";
		if ((ui->sp = newterm(term, stdout, stdin)) == NULL) {
			log_warn("cannot start the terminal");
			return (RELAIS_ERR_SYSTEM);
		}
	}
	ui->term = term;
	set_term(ui->sp);
	/*
	 * raw, not cbreak: Ctrl-C, Ctrl-Z and Ctrl-\ are keys here, not
	 * signals that would end the member's session, and Ctrl-S/Ctrl-Q
	 * are keys rather than flow control that freezes the screen.
	 */
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	set_escdelay(100);
	for (i = 0; i < sizeof ui_extra_keys / sizeof ui_extra_keys[0]; i++) {
		if (key_defined(ui_extra_keys[i].seq) == 0)
			define_key(ui_extra_keys[i].seq, ui_extra_keys[i].key);
	}
	curs_set(0);
	ui->cursor = 0;
	return (ui_windows(ui));
}

void
ui_finish(struct ui *ui)
{
	online_stop(ui);
	while (ui->depth > 0) {
		ui_leave_top(ui);
		ui->depth--;
	}
	ui_dialog_close(ui);
	free(ui->notice);
	ui->notice = NULL;
	free(ui->extra);
	ui->extra = NULL;
	if (ui->sp != NULL) {
		if (ui->wstatus != NULL)
			delwin(ui->wstatus);
		if (ui->body != NULL)
			delwin(ui->body);
		if (ui->wfoot != NULL)
			delwin(ui->wfoot);
		ui->wstatus = ui->body = ui->wfoot = NULL;
		endwin();
		delscreen(ui->sp);
		ui->sp = NULL;
	}
}

/*
 * The loop.
 */

/* One key, without waiting (0 if none). */
static int
ui_getkey1(struct ui *ui, int *key)
{
	wint_t	wc;
	int	r;

	if ((r = wget_wch(ui->body, &wc)) == ERR)
		return (0);
	if (r == KEY_CODE_YES)
		*key = (int)wc;
	else if (wc >= KEY_CODE_YES)
		*key = UI_KEY_WIDE + (int)wc;
	else
		*key = (int)wc;
	return (1);
}

/*
 * The next key. An escape sequence ncurses did not recognise arrives as
 * ESC followed at once by '[' or 'O': it is dropped up to its final
 * byte, so that an unknown function key never acts as Esc.
 */
static int
ui_getkey(struct ui *ui, int *key)
{
	int	next, n;

	if (!ui_getkey1(ui, key))
		return (0);
	if (*key != UI_KEY_ESC || !ui_getkey1(ui, &next))
		return (1);
	if (next != '[' && next != 'O') {
		if (ui_key_char(next) < 0)
			ungetch(next);
		else
			unget_wch((wchar_t)ui_key_char(next));
		return (1);
	}
	for (n = 0; n < 16 && ui_getkey1(ui, &next); n++) {
		if (next >= 0x40 && next <= 0x7e && (n > 0 || next != '['))
			break;
	}
	log_debug("unknown escape sequence dropped");
	*key = 0;
	return (1);
}

/* Milliseconds until the idle timer needs us, or -1 for never. */
static int
ui_idle_ms(struct ui *ui)
{
	int64_t	limit, left;
	int	t = ui->conf->idle_timeout;

	if (t <= 0)
		return (-1);
	limit = ui->warned ? t : (t > 2 * UI_WARN_BEFORE ?
	    t - UI_WARN_BEFORE : t / 2);
	left = limit * 1000 - (ui_now_ms() - ui->last_input);
	if (left < 0)
		return (0);
	return (left > INT_MAX ? INT_MAX : (int)left);
}

/* The timer ran out: warn, or say goodbye. */
static void
ui_idle(struct ui *ui)
{
	/* -1: no idle timeout at all; > 0: not yet. */
	if (ui_idle_ms(ui) != 0)
		return;
	if (!ui->warned) {
		ui->warned = 1;
		return;
	}
	log_info("idle for %d seconds, disconnecting",
	    ui->conf->idle_timeout);
	ui->done = UI_DONE_IDLE;
}

static void
ui_dispatch(struct ui *ui, int key)
{
	const struct screen	*next = NULL;
	ui_answer_fn		 done;
	enum ui_next		 r;
	int			 answer;

	ui->last_input = ui_now_ms();
	ui->warned = 0;
	online_key(ui);
	if (key == 0)
		return;
	if (key == KEY_RESIZE) {
		if (ui_windows(ui) != RELAIS_OK) {
			ui->status = 1;
			ui->done = UI_DONE_ERROR;
		}
		clearok(curscr, TRUE);
		return;
	}
	if (key == UI_CTRL('l')) {
		clearok(curscr, TRUE);
		return;
	}
	free(ui->notice);
	ui->notice = NULL;
	if (ui_too_small())
		return;
	if (ui->dlg.kind != UI_DIALOG_NONE) {
		if (!wdialog_key(ui, &ui->dlg, key, &answer))
			return;
		done = ui->dlg.done;
		ui_dialog_close(ui);
		if (done != NULL) {
			r = done(ui, answer, &next);
			ui_go(ui, r, next);
		}
		return;
	}
	if (online_answer_key(ui, key, &next)) {
		ui_go(ui, UI_PUSH, next);
		return;
	}
	if (key == KEY_F(1) || (key == '?' && !ui->typing)) {
		ui_help(ui);
		return;
	}
	r = ui->stack[ui->depth - 1].scr->key(ui, key, &next);
	ui_go(ui, r, next);
}

/* Milliseconds until the idle timer or the screen's timer needs us, or
 * -1 for never. */
static int
ui_wait_ms(struct ui *ui)
{
	int64_t	t = ui->stack[ui->depth - 1].timer, left;
	int	ms = ui_idle_ms(ui);

	if (t == 0)
		return (ms);
	left = t - ui_now_ms();
	if (left < 0)
		left = 0;
	if (ms < 0 || left < ms)
		ms = left > INT_MAX ? INT_MAX : (int)left;
	return (ms);
}

/* The screen's timer ran out: its tick. */
static void
ui_timer(struct ui *ui)
{
	const struct screen	*next = NULL;
	struct ui_frame		*f;
	enum ui_next		 r;

	if (ui->done || ui->depth == 0)
		return;
	f = &ui->stack[ui->depth - 1];
	if (f->timer == 0 || f->timer > ui_now_ms())
		return;
	f->timer = 0;
	if (f->scr->tick == NULL)
		return;
	r = f->scr->tick(ui, &next);
	ui_go(ui, r, next);
}

static void
ui_on_hangup(int sig)
{
	(void)sig;
	ui_hup = 1;
}

/* The connection dropped: the keys that arrived first, then every
 * screen's hangup(), top first. */
static void
ui_hangup(struct ui *ui, const char *why)
{
	int	key, n, depth, i;

	log_info("%s", why);
	for (n = 0; n < UI_HANGUP_KEYS && !ui->done && ui_getkey(ui, &key);
	    n++)
		ui_dispatch(ui, key);
	depth = ui->depth;
	for (i = depth - 1; i >= 0; i--) {
		if (ui->stack[i].scr->hangup == NULL)
			continue;
		ui->depth = i + 1;	/* ui_priv() is this screen's */
		ui->stack[i].scr->hangup(ui);
	}
	ui->depth = depth;
	ui->done = UI_DONE_HANGUP;
}

int
ui_run(struct ui *ui, const struct screen *first)
{
	struct sigaction sa;
	struct pollfd	 pfd[2];
	struct timespec	 ts;
	sigset_t	 block, orig, waitset;
	char		*bye;
	int		 key, n, ms, hms, got, empty = 0, nfds, redraw = 1;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	waitset = orig;
	sigdelset(&waitset, SIGWINCH);
	sigdelset(&waitset, SIGHUP);
	sigdelset(&waitset, SIGTERM);
	ui->last_input = ui_now_ms();
	ui->depth = 1;
	ui_enter_top(ui, first);
	online_start(ui);
	while (!ui->done) {
		/* The hub alone woke us with nothing to show: no redraw. */
		if (redraw) {
			ui_redraw(ui);
			online_where(ui);
		}
		redraw = 1;
		ms = ui_wait_ms(ui);
		if ((hms = online_wait_ms(ui)) >= 0 && (ms < 0 || hms < ms))
			ms = hms;
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (long)(ms % 1000) * 1000000;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		nfds = 1 + online_pollfd(ui, &pfd[1]);
		n = ppoll(pfd, (nfds_t)nfds, ms < 0 ? NULL : &ts, &waitset);
		if (ui_hup) {
			ui_hangup(ui, "connection dropped");
			break;
		}
		if (n == -1 && errno != EINTR) {
			log_warn("ppoll: %s", strerror(errno));
			ui->status = 1;
			break;
		}
		online_timer(ui);
		if (n == 0) {
			ui_timer(ui);
			ui_idle(ui);
			continue;
		}
		if (n > 0 && nfds > 1 && pfd[1].revents != 0)
			redraw = online_io(ui, pfd[1].revents);
		if (n > 0 && pfd[0].revents == 0) {
			if (ui_wait_ms(ui) == 0)
				redraw = 1;	/* a timer is due too */
			ui_timer(ui);
			ui_idle(ui);
			continue;
		}
		redraw = 1;
		for (got = 0; !ui->done && ui_getkey(ui, &key); got++)
			ui_dispatch(ui, key);
		if (n > 0 && got == 0) {
			if ((pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) ||
			    ++empty > UI_EMPTY_MAX) {
				ui_hangup(ui, "terminal hung up");
				break;
			}
		} else
			empty = 0;
		ui_timer(ui);
	}
	sigprocmask(SIG_SETMASK, &orig, NULL);
	if (ui->done == UI_DONE_HANGUP)
		return (ui->status);
	if (ui->done == UI_DONE_IDLE)
		bye = xstrdup(_("You were disconnected after a long time "
		    "without activity. Goodbye!"));
	else if (ui->user.id != 0)
		xasprintf(&bye, _("Goodbye, %s! See you soon."),
		    ui->user.handle);
	else
		bye = xstrdup(_("Goodbye! See you soon."));
	ui_goodbye(ui, bye);
	free(bye);
	return (ui->status);
}
