/*
 * keys.c: the member's SSH public keys.
 *
 * A list (type, fingerprint, comment); A adds a key pasted as one
 * OpenSSH line into an input as long as the longest key line allowed,
 * D deletes the selected key after confirmation, Enter shows it whole.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "pubkey.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

struct keys {
	struct pubkey	*keys;
	int		 n;
	struct wlist	 list;
	int		 adding;
	struct winput	 line;
	char		*error;		/* under the input */
};

static void		keys_enter(struct ui *);
static void		keys_draw(struct ui *);
static enum ui_next	keys_key(struct ui *, int, const struct screen **);
static void		keys_leave(struct ui *);

const struct screen screen_keys = {
	.name = "keys",
	.enter = keys_enter,
	.draw = keys_draw,
	.key = keys_key,
	.leave = keys_leave,
	.help = N_("SSH public keys let you log in without typing your "
	    "password.\n"
	    "A: add a key. Paste the whole line of your public key file "
	    "(for example ~/.ssh/id_ed25519.pub, starting with ssh-ed25519) "
	    "and press Enter.\n"
	    "D: delete the selected key.\n"
	    "Enter: show the selected key.\n"
	    "Arrows, PgUp, PgDn: move in the list. Esc or Q: back."),
};

static void
keys_load(struct ui *ui, struct keys *k)
{
	pubkey_list_free(k->keys, k->n);
	k->keys = NULL;
	k->n = 0;
	if (pubkey_list(ui->db, ui->user.id, &k->keys, &k->n) != RELAIS_OK) {
		k->keys = NULL;
		k->n = 0;
		ui_notice(ui, "%s", _("The keys could not be read. Please try "
		    "again later."));
	}
	wlist_set_n(&k->list, k->n);
}

static void
keys_enter(struct ui *ui)
{
	struct keys	*k = xcalloc(1, sizeof *k);

	wlist_init(&k->list, 0);
	winput_init(&k->line, RELAIS_PUBKEY_MAX, RELAIS_PUBKEY_MAX, 0);
	ui_set_priv(ui, k);
	keys_load(ui, k);
}

static void
keys_leave(struct ui *ui)
{
	struct keys	*k = ui_priv(ui);

	pubkey_list_free(k->keys, k->n);
	winput_free(&k->line);
	free(k->error);
	free(k);
}

static void
keys_row(struct ui *ui, int i, int y, int sel)
{
	struct keys	*k = ui_priv(ui);
	struct pubkey	*pk = &k->keys[i];
	int		 x = 3, tw = 12, c = ui->cols - 1;

	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	x += ui_put(ui, ui->body, y, x, pk->type, tw, sel ? A_REVERSE :
	    A_NORMAL);
	x = 3 + tw + 1;
	x += ui_put(ui, ui->body, y, x, pk->fingerprint, c - x, A_NORMAL) + 1;
	ui_put(ui, ui->body, y, x, pk->comment, c - x, A_NORMAL);
}

static void
keys_draw(struct ui *ui)
{
	struct keys	*k = ui_priv(ui);
	int		 y, h;

	ui_title(ui, _("SSH public keys"));
	ui_putf(ui, ui->body, 1, 1, ui->cols - 2, A_NORMAL,
	    _("%d of at most %d keys."), k->n, RELAIS_KEYS_PER_USER);
	h = ui->rows - 3 - (k->adding ? 6 : 0);
	if (k->n == 0)
		ui_para(ui, 3, 2, ui->cols - 4, 2, _("You have no key yet. "
		    "Press A to add one."), A_NORMAL);
	else
		wlist_draw(ui, &k->list, 3, h, keys_row);
	if (k->adding) {
		y = ui->rows - 6;
		ui_para(ui, y, 1, ui->cols - 2, 2, _("Paste your public key "
		    "(one line) and press Enter:"), A_BOLD);
		winput_draw(ui, &k->line, y + 2, 1, ui->cols - 2, 1);
		if (k->error != NULL)
			ui_para(ui, y + 3, 1, ui->cols - 2, 3, k->error,
			    A_BOLD);
		ui_hint(ui, _("Enter=Add  Esc=Cancel"));
	} else
		ui_hint(ui, _("A=Add  D=Delete  Enter=Show  Esc=Back"));
}

static void
keys_error(struct keys *k, const char *msg)
{
	free(k->error);
	k->error = xstrdup(msg);
}

static void
keys_add(struct ui *ui, struct keys *k)
{
	struct pubkey	 pk;
	char		*line;
	int		 r;

	line = xstrdup(winput_text(&k->line));
	str_trim(line);
	memset(&pk, 0, sizeof pk);
	r = pubkey_parse(line, &pk);
	free(line);
	if (r == RELAIS_ERR_TOOBIG) {
		keys_error(k, _("This line is too long to be a public key."));
		return;
	}
	if (r != RELAIS_OK) {
		keys_error(k, _("This is not a valid OpenSSH public key line. "
		    "Paste the whole line, starting with its type (for example "
		    "ssh-ed25519)."));
		return;
	}
	r = pubkey_add(ui->db, ui->user.id, &pk);
	switch (r) {
	case RELAIS_OK:
		log_info("%s added key %s", ui->user.handle, pk.fingerprint);
		ui_notice(ui, "%s", _("The key has been added."));
		k->adding = 0;
		winput_clear(&k->line);
		free(k->error);
		k->error = NULL;
		keys_load(ui, k);
		k->list.sel = k->n > 0 ? k->n - 1 : 0;
		break;
	case RELAIS_ERR_EXISTS:
		keys_error(k, _("This key is already registered."));
		break;
	case RELAIS_ERR_TOOBIG:
		keys_error(k, _("You already have as many keys as allowed. "
		    "Delete one first."));
		break;
	default:
		keys_error(k, _("The key could not be saved. Please try again "
		    "later."));
		break;
	}
	pubkey_free(&pk);
}

static enum ui_next
keys_delete_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct keys	*k = ui_priv(ui);
	struct pubkey	*pk;

	(void)next;
	if (!yes || k->list.sel >= k->n)
		return (UI_STAY);
	pk = &k->keys[k->list.sel];
	if (pubkey_delete(ui->db, ui->user.id, pk->id) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The key could not be deleted. Please "
		    "try again later."));
		return (UI_STAY);
	}
	log_info("%s deleted key %s", ui->user.handle, pk->fingerprint);
	ui_notice(ui, "%s", _("The key has been deleted."));
	keys_load(ui, k);
	return (UI_STAY);
}

static void
keys_show(struct ui *ui, struct keys *k)
{
	struct pubkey	*pk = &k->keys[k->list.sel];
	char		 date[32], *text;

	ui_date(date, sizeof date, pk->created, 1);
	xasprintf(&text, "%s\n%s\n%s\n%s", pk->type, pk->fingerprint,
	    pk->comment, date);
	ui_message(ui, _("SSH public key"), text, NULL);
	free(text);
}

static enum ui_next
keys_key(struct ui *ui, int key, const struct screen **next)
{
	struct keys	*k = ui_priv(ui);
	char		*q;

	(void)next;
	if (k->adding) {
		switch (winput_key(&k->line, key)) {
		case WINPUT_ACCEPT:
			keys_add(ui, k);
			break;
		case WINPUT_CANCEL:
			k->adding = 0;
			free(k->error);
			k->error = NULL;
			break;
		default:
			break;
		}
		return (UI_STAY);
	}
	if (wlist_key(&k->list, key))
		return (UI_STAY);
	if (ui_key_is(key, 'A')) {
		k->adding = 1;
		return (UI_STAY);
	}
	if ((ui_key_is(key, 'D') || key == KEY_DC) && k->n > 0) {
		xasprintf(&q, _("Delete the key %s?"),
		    k->keys[k->list.sel].fingerprint);
		ui_confirm(ui, q, keys_delete_answer);
		free(q);
		return (UI_STAY);
	}
	if (ui_key_enter(key) && k->n > 0) {
		keys_show(ui, k);
		return (UI_STAY);
	}
	if (ui_key_back(key))
		return (UI_POP);
	return (UI_STAY);
}
