/*
 * chat.c: chat rooms (C in the main menu).
 *
 * The log fills the screen above one input line. A line goes to the hub
 * when Enter is pressed, never a keystroke earlier. Lines of the current
 * room are shown plain, those of the other rooms joined with [room] in
 * front; Tab changes the current room. Commands start with '/' (a table
 * below). Everything in the log is wrapped to the width and cleaned on
 * the way to the terminal (ui_wrap()); newlines from others become
 * spaces. Leaving the screen leaves every room.
 *
 * The rooms: "main" for everyone (joined on arrival), one per group
 * named by its tag (its members only), and rooms members make: /join
 * NAME makes a public one, /create NAME an invite-only one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hubproto.h"
#include "i18n.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

#define CHAT_MAIN	"main"

struct chat {
	struct winput	in;
	int		scroll;		/* rows up from the newest */
};

struct chat_cmd {
	const char	*name;
	const char	*args;		/* untranslated syntax */
	const char	*help;		/* N_() */
	enum ui_next	(*run)(struct ui *, char *);
};

static void		chat_enter(struct ui *);
static void		chat_draw(struct ui *);
static enum ui_next	chat_key(struct ui *, int, const struct screen **);
static void		chat_leave(struct ui *);

static enum ui_next	cmd_me(struct ui *, char *);
static enum ui_next	cmd_who(struct ui *, char *);
static enum ui_next	cmd_msg(struct ui *, char *);
static enum ui_next	cmd_join(struct ui *, char *);
static enum ui_next	cmd_create(struct ui *, char *);
static enum ui_next	cmd_invite(struct ui *, char *);
static enum ui_next	cmd_leave(struct ui *, char *);
static enum ui_next	cmd_help(struct ui *, char *);
static enum ui_next	cmd_quit(struct ui *, char *);

static const struct chat_cmd chat_cmds[] = {
	{ "me", "TEXT", N_("an action: /me waves shows \"* you waves\""),
	    cmd_me },
	{ "who", "", N_("who is in the current room"), cmd_who },
	{ "msg", "HANDLE TEXT", N_("a private line to a member"), cmd_msg },
	{ "join", "ROOM", N_("go to a room (a new name makes a public "
	    "room); a group's tag is its members' room"), cmd_join },
	{ "create", "ROOM", N_("make an invite-only room"), cmd_create },
	{ "invite", "HANDLE", N_("invite a member to the current room"),
	    cmd_invite },
	{ "leave", "", N_("leave the current room"), cmd_leave },
	{ "help", "", N_("this list"), cmd_help },
	{ "quit", "", N_("leave the chat"), cmd_quit },
	{ NULL, NULL, NULL, NULL }
};

const struct screen screen_chat = {
	.name = "chat",
	.enter = chat_enter,
	.draw = chat_draw,
	.key = chat_key,
	.leave = chat_leave,
	.help = N_("Chat. Type a line and press Enter to send it to the "
	    "current room; nothing is sent before Enter.\n"
	    "Commands start with /: /me TEXT, /who, /msg HANDLE TEXT, "
	    "/join ROOM, /create ROOM (invite-only), /invite HANDLE, "
	    "/leave, /help, /quit.\n"
	    "Tab: the next room you are in. PgUp, PgDn: scroll the log.\n"
	    "Esc: clear the line, or leave the chat when it is empty.\n"
	    "Rooms: main is for everyone; a group's tag is the room of its "
	    "members; rooms made by members end when the last one leaves."),
};

static void
chat_enter(struct ui *ui)
{
	struct chat	*p = xcalloc(1, sizeof *p);

	winput_init(&p->in, HUB_LINE_MAX, HUB_LINE_MAX, 0);
	ui_set_priv(ui, p);
	if (!online_chat_active(ui))
		(void)online_chat_join(ui, CHAT_MAIN, HUB_JOIN_PUBLIC);
}

static void
chat_leave(struct ui *ui)
{
	struct chat	*p = ui_priv(ui);

	online_chat_leave_all(ui);
	winput_free(&p->in);
	free(p);
}

/* Back to the chat screen if it is just below (the page screen), else
 * open it. */
static enum ui_next
chat_show(struct ui *ui, const struct screen **next)
{
	if (ui->depth > 0 && ui->stack[ui->depth - 1].scr == &screen_chat)
		return (UI_STAY);
	if (ui->depth > 1 && ui->stack[ui->depth - 2].scr == &screen_chat)
		return (UI_POP);
	*next = &screen_chat;
	return (UI_PUSH);
}

enum ui_next
chat_open_with(struct ui *ui, const char *handle,
    const struct screen **next)
{
	if (online_chat_with(ui, handle) != RELAIS_OK)
		return (UI_STAY);
	return (chat_show(ui, next));
}

enum ui_next
chat_open_room(struct ui *ui, const char *room, const struct screen **next)
{
	if (online_chat_join(ui, room, HUB_JOIN_PUBLIC) != RELAIS_OK)
		return (UI_STAY);
	return (chat_show(ui, next));
}

/*
 * The log.
 */

/* One log entry as one line of text (to be wrapped). */
static char *
chat_format(struct ui *ui, const struct online_chatline *l,
    const char *cur, attr_t *attr)
{
	char		 hm[16], room[HUB_ROOM_MAX + 4] = "", *s, *p;
	struct tm	 tm;
	time_t		 t = (time_t)l->at;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(hm, sizeof hm, "%H:%M", &tm) == 0)
		str_copy(hm, "--:--", sizeof hm);
	if (l->room[0] != '\0' && (cur == NULL || strcmp(l->room, cur) != 0))
		snprintf(room, sizeof room, "[%s] ", l->room);
	*attr = A_NORMAL;
	switch (l->kind) {
	case ONLINE_L_OLD_SAY:
		*attr = A_DIM;
		/* FALLTHROUGH */
	case ONLINE_L_SAY:
		xasprintf(&s, "%s %s<%s> %s", hm, room, l->handle, l->text);
		break;
	case ONLINE_L_OLD_ME:
		*attr = A_DIM;
		/* FALLTHROUGH */
	case ONLINE_L_ME:
		xasprintf(&s, "%s %s* %s %s", hm, room, l->handle, l->text);
		break;
	case ONLINE_L_JOIN:
		xasprintf(&s, "%s -- ", hm);
		p = s;
		xasprintf(&s, _("%s%s joins %s"), p, l->handle, l->room);
		free(p);
		break;
	case ONLINE_L_LEAVE:
		xasprintf(&s, "%s -- ", hm);
		p = s;
		xasprintf(&s, _("%s%s left %s"), p, l->handle, l->room);
		free(p);
		break;
	case ONLINE_L_PRIV_IN:
		*attr = A_BOLD;
		xasprintf(&s, "%s [%s] <%s> %s", hm, _("private"), l->handle,
		    l->text);
		break;
	case ONLINE_L_PRIV_OUT:
		xasprintf(&s, "%s [%s %s] %s", hm, _("private to"),
		    l->handle, l->text);
		break;
	case ONLINE_L_ERROR:
		*attr = A_BOLD;
		xasprintf(&s, "%s !! %s", hm, l->text);
		break;
	case ONLINE_L_NOTICE:
	default:
		xasprintf(&s, "%s -- %s", hm, l->text);
		break;
	}
	(void)ui;
	/* Others' text is one line: no newline may start a fake one. */
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
	return (s);
}

/* Draw the log, newest at the bottom, in rows 1 .. bottom. */
static void
chat_draw_log(struct ui *ui, struct chat *p, int top, int bottom)
{
	const struct online_chatline	*l;
	const char			*cur = online_chat_current(ui);
	char				*s, **lines;
	attr_t				 attr;
	int				 i, j, n, y = bottom, skip = p->scroll;
	int				 width = ui->cols - 2;

	for (i = online_chat_log_n(ui) - 1; i >= 0 && y >= top; i--) {
		if ((l = online_chat_log(ui, i)) == NULL)
			continue;
		s = chat_format(ui, l, cur, &attr);
		n = ui_wrap(ui, s, width, &lines);
		free(s);
		for (j = n - 1; j >= 0 && y >= top; j--) {
			if (skip > 0) {
				skip--;
				continue;
			}
			ui_put(ui, ui->body, y--, 1, lines[j], width, attr);
		}
		ui_lines_free(lines, n);
	}
	/* Scrolled past the oldest line: stop there. */
	if (skip > 0)
		p->scroll -= skip;
}

static void
chat_draw(struct ui *ui)
{
	struct chat			*p = ui_priv(ui);
	const struct online_room	*rooms;
	const char			*cur = online_chat_current(ui);
	char				*title, *others = NULL, *t;
	int				 n, i, inrow;

	rooms = online_chat_rooms(ui, &n);
	for (i = 0; i < n; i++) {
		if (cur != NULL && strcmp(rooms[i].name, cur) == 0)
			continue;
		t = others;
		xasprintf(&others, "%s%s%s", t != NULL ? t : "",
		    t != NULL ? ", " : "", rooms[i].name);
		free(t);
	}
	if (cur == NULL)
		title = xstrdup(_("Chat"));
	else if (others != NULL)
		xasprintf(&title, _("Chat: %s (Tab: %s)"), cur, others);
	else
		xasprintf(&title, _("Chat: %s"), cur);
	free(others);
	ui_title(ui, title);
	free(title);
	inrow = ui->rows - 1;
	chat_draw_log(ui, p, 1, inrow - 2);
	if (p->scroll > 0)
		ui_put(ui, ui->body, inrow - 1, 1, _("-- more below: PgDn --"),
		    ui->cols - 2, A_BOLD);
	else if (!online_connected(ui))
		ui_put(ui, ui->body, inrow - 1, 1, _("-- not connected; "
		    "trying again --"), ui->cols - 2, A_BOLD);
	ui_put(ui, ui->body, inrow, 1, ">", 1, A_BOLD);
	winput_draw(ui, &p->in, inrow, 3, ui->cols - 4, 1);
	ui_hint(ui, _("Enter=Send  /help=Commands  Tab=Room  PgUp/PgDn=Log  "
	    "Esc=Leave"));
}

/*
 * Commands.
 */

/* The first word of args (cut in place) and the rest. */
static char *
next_word(char **args)
{
	char	*w = *args, *e;

	while (*w == ' ')
		w++;
	if (*w == '\0')
		return (NULL);
	if ((e = strchr(w, ' ')) != NULL) {
		*e++ = '\0';
		while (*e == ' ')
			e++;
		*args = e;
	} else
		*args = w + strlen(w);
	return (w);
}

static void
usage(struct ui *ui, const char *name)
{
	const struct chat_cmd	*c;

	for (c = chat_cmds; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			online_chat_note(ui, ONLINE_L_ERROR, _("Usage: /%s %s"),
			    c->name, c->args);
	}
}

static enum ui_next
cmd_me(struct ui *ui, char *args)
{
	if (*args == '\0')
		usage(ui, "me");
	else
		(void)online_chat_say(ui, args, 1);
	return (UI_STAY);
}

static enum ui_next
cmd_who(struct ui *ui, char *args)
{
	(void)args;
	if (online_chat_current(ui) == NULL)
		online_chat_note(ui, ONLINE_L_ERROR, "%s", _("You are in no "
		    "room: /join ROOM first."));
	else
		(void)online_chat_names(ui);
	return (UI_STAY);
}

static enum ui_next
cmd_msg(struct ui *ui, char *args)
{
	char	*who = next_word(&args);

	if (who == NULL || *args == '\0')
		usage(ui, "msg");
	else
		(void)online_chat_msg(ui, who, args);
	return (UI_STAY);
}

static enum ui_next
cmd_join(struct ui *ui, char *args)
{
	char	*room = next_word(&args);

	if (room == NULL)
		usage(ui, "join");
	else
		(void)online_chat_join(ui, room, HUB_JOIN_PUBLIC);
	return (UI_STAY);
}

static enum ui_next
cmd_create(struct ui *ui, char *args)
{
	char	*room = next_word(&args);

	if (room == NULL)
		usage(ui, "create");
	else
		(void)online_chat_join(ui, room, HUB_JOIN_INVITE);
	return (UI_STAY);
}

static enum ui_next
cmd_invite(struct ui *ui, char *args)
{
	char	*who = next_word(&args);

	if (who == NULL)
		usage(ui, "invite");
	else if (online_chat_current(ui) == NULL)
		online_chat_note(ui, ONLINE_L_ERROR, "%s", _("You are in no "
		    "room: /join ROOM first."));
	else
		(void)online_chat_invite(ui, who);
	return (UI_STAY);
}

static enum ui_next
cmd_leave(struct ui *ui, char *args)
{
	const char	*cur = online_chat_current(ui);

	(void)args;
	if (cur == NULL)
		online_chat_note(ui, ONLINE_L_ERROR, "%s", _("You are in no "
		    "room: /join ROOM first."));
	else
		(void)online_chat_leave(ui, cur);
	return (UI_STAY);
}

static enum ui_next
cmd_help(struct ui *ui, char *args)
{
	const struct chat_cmd	*c;

	(void)args;
	for (c = chat_cmds; c->name != NULL; c++)
		online_chat_note(ui, ONLINE_L_NOTICE, "/%s%s%s: %s", c->name,
		    *c->args != '\0' ? " " : "", c->args, _(c->help));
	return (UI_STAY);
}

static enum ui_next
cmd_quit(struct ui *ui, char *args)
{
	(void)ui;
	(void)args;
	return (UI_POP);
}

static enum ui_next
chat_command(struct ui *ui, char *line)
{
	const struct chat_cmd	*c;
	char			*name, *args = line + 1;

	if ((name = next_word(&args)) == NULL) {
		cmd_help(ui, args);
		return (UI_STAY);
	}
	for (c = chat_cmds; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			return (c->run(ui, args));
	}
	online_chat_note(ui, ONLINE_L_ERROR, _("No command /%s; /help lists "
	    "them."), name);
	return (UI_STAY);
}

static enum ui_next
chat_key(struct ui *ui, int key, const struct screen **next)
{
	struct chat	*p = ui_priv(ui);
	enum ui_next	 r = UI_STAY;
	char		*line;

	(void)next;
	switch (key) {
	case KEY_PPAGE:
		p->scroll += ui->rows > 6 ? ui->rows - 4 : 1;
		return (UI_STAY);
	case KEY_NPAGE:
		p->scroll -= ui->rows > 6 ? ui->rows - 4 : 1;
		if (p->scroll < 0)
			p->scroll = 0;
		return (UI_STAY);
	case '\t':
		online_chat_next_room(ui);
		return (UI_STAY);
	}
	switch (winput_key(&p->in, key)) {
	case WINPUT_CANCEL:
		if (p->in.len > 0) {
			winput_clear(&p->in);
			return (UI_STAY);
		}
		return (UI_POP);
	case WINPUT_ACCEPT:
		winput_trim(&p->in);
		if (p->in.len == 0)
			return (UI_STAY);
		line = xstrdup(winput_text(&p->in));
		winput_clear(&p->in);
		p->scroll = 0;
		if (line[0] == '/' && line[1] != '/')
			r = chat_command(ui, line);
		else
			(void)online_chat_say(ui, line[0] == '/' ? line + 1 :
			    line, 0);
		free(line);
		return (r);
	default:
		return (UI_STAY);
	}
}
