/*
 * forum.c: what the forum and mail screens share.
 *
 * Screens that take arguments (the thread list of an area, the reader of
 * a message, a mail) are allocated: the opener copies the screen's ops
 * into the head of a struct that also holds the arguments and the
 * screen's state, and hands it to ui.c as the next screen. The screen
 * finds it again with fscreen_self() and frees it as the last thing its
 * leave() does (ui.c no longer looks at the frame's screen after that).
 * So no file-scope variable carries arguments from one screen to the
 * next.
 *
 * Read pointers only move forward and mean "everything up to here is
 * read". A member who opens a recent thread while older messages of the
 * area are still unread must not lose those: the pointer moves only over
 * messages actually shown, in order. What was shown out of order is
 * remembered for the visit (struct readset) and the pointer catches up
 * over it once the gap before it is read.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "i18n.h"
#include "log.h"
#include "msg.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"

#define READSET_MAX	10000	/* ids remembered in one visit */

void
readset_add(struct readset *set, int64_t id)
{
	if (readset_has(set, id) || set->n >= READSET_MAX)
		return;
	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 32 : set->cap * 2;
		set->ids = xreallocarray(set->ids, set->cap,
		    sizeof *set->ids);
	}
	set->ids[set->n++] = id;
}

int
readset_has(const struct readset *set, int64_t id)
{
	int	i;

	for (i = 0; i < set->n; i++) {
		if (set->ids[i] == id)
			return (1);
	}
	return (0);
}

void
readset_free(struct readset *set)
{
	free(set->ids);
	memset(set, 0, sizeof *set);
}

void
forum_mark_read(struct ui *ui, struct readset *set, int64_t area_id,
    int64_t id)
{
	int64_t	first;
	int	i, max;

	if (set != NULL)
		readset_add(set, id);
	max = (set != NULL ? set->n : 0) + 1;
	for (i = 0; i < max; i++) {
		if (msg_next_unread(ui->db, &ui->user, area_id, &first) !=
		    RELAIS_OK)
			return;
		if (first != id && (set == NULL || !readset_has(set, first)))
			return;
		if (msg_mark_read(ui->db, &ui->user, area_id, first) !=
		    RELAIS_OK)
			return;
	}
}

int
forum_user_refresh(struct ui *ui)
{
	struct user	me;

	if (user_get(ui->db, ui->user.id, &me) != RELAIS_OK) {
		ui_notice(ui, "%s", _("Your account could not be read. Please "
		    "try again later."));
		return (-1);
	}
	ui->user.role = me.role;
	ui->user.status = me.status;
	if (me.status != USER_ACTIVE) {
		ui_notice(ui, "%s", _("Your account is not active."));
		return (-1);
	}
	return (0);
}

const char *
forum_area_name(struct ui *ui, const struct area *a)
{
	return (area_name(a, ui->user.lang));
}

const char *
forum_area_desc(struct ui *ui, const struct area *a)
{
	return (area_desc(a, ui->user.lang));
}

const char *
forum_why_no_post(struct ui *ui, const struct area *a)
{
	int	rd, wr;

	if (!area_user_active(&ui->user))
		return (_("Your account cannot post at the moment."));
	if (area_access(ui->db, &ui->user, a, &rd, &wr) != RELAIS_OK)
		return (_("Your rights could not be checked. Please try again "
		    "later."));
	if (wr)
		return (NULL);
	if (a->write_acl == AREA_ACL_ANIMATORS)
		return (_("Only animators can post in this forum."));
	return (_("Only the members of this forum's groups can post in "
	    "it."));
}

void *
fscreen_new(struct ui *ui, const struct screen *ops, size_t size,
    const struct screen **next)
{
	struct screen	*scr;

	if (ui->depth >= UI_STACK_MAX) {
		ui_notice(ui, "%s", _("Too many screens are open: go back "
		    "first."));
		return (NULL);
	}
	scr = xcalloc(1, size);
	*scr = *ops;
	*next = scr;
	return (scr);
}

void *
fscreen_self(struct ui *ui)
{
	/* The screen is the head of the allocation: see the top. */
	return ((void *)(uintptr_t)ui->stack[ui->depth - 1].scr);
}

void
forum_put_lr(struct ui *ui, int y, int x, int w, const char *left,
    const char *right, attr_t attr)
{
	int	rw = 0;

	if (right != NULL && *right != '\0') {
		rw = ui_width(ui, right);
		if (rw > w)
			rw = w;
		ui_put(ui, ui->body, y, x + w - rw, right, rw, attr);
		rw++;
	}
	if (left != NULL)
		ui_put(ui, ui->body, y, x, left, w - rw, attr);
}

void
forum_cut_utf8(char *s)
{
	size_t		len = strlen(s), j, need;
	unsigned char	c;

	if (len == 0)
		return;
	/* The last character starts at j: is it whole? */
	for (j = len - 1; j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80; j--)
		;
	c = (unsigned char)s[j];
	if (c < 0x80)
		need = 1;
	else if ((c & 0xe0) == 0xc0)
		need = 2;
	else if ((c & 0xf0) == 0xe0)
		need = 3;
	else if ((c & 0xf8) == 0xf0)
		need = 4;
	else
		return;
	if (len - j < need)
		s[j] = '\0';
}

void
forum_format(char *buf, size_t sz, const char *fmt, ...)
{
	va_list	ap;

	if (sz == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(buf, sz, fmt, ap);	/* cut on purpose */
	va_end(ap);
	forum_cut_utf8(buf);
}
