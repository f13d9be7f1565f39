/*
 * The C floor of issue 14's backtest figure: the least work a backtest of a Binance `<recv_ns> <json>` .gz recording
 * must do — gunzip (zlib), a hand-written parse of every depthUpdate / trade / snapshot line, and each price level
 * applied to a plain array book (one slot per tick) with its best bid and ask kept — timed from the compressed bytes in
 * memory to the last event. No strategy, no orders, no journal: the .NET backtest's ratio to this rate says how much
 * the engine and the runtime cost on top of the unavoidable parse + apply.
 *
 * Usage: floor <file.gz> [tick] [repeats]   (tick defaults to 0.1; the best of `repeats` passes is reported)
 * Events are counted the way the engine counts them: one per price level of a depth update or snapshot, one per trade.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define SCALE 100000000LL   /* prices and sizes as integers of 1e-8, like the engine's fixed point */
#define BOOK_TICKS (1 << 23) /* one slot per tick: 0 .. 838,860 at tick 0.1 (the file has asks at 618,113.30) */

typedef struct {
    int64_t *bid, *ask;      /* size at each tick, 0 = empty */
    int64_t best_bid, best_ask, low_bid, high_ask;
    int64_t tick_raw;
    uint64_t last_u;
    long events, messages, trades, gaps, skipped, out_of_range;
    int64_t trade_volume;
} Book;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* "61800.20" → 6180020000000 (×1e8); p points after the opening quote, returns past the closing one. */
static const char *fixed(const char *p, int64_t *out) {
    int64_t v = 0, scale = SCALE;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    v *= SCALE;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') { scale /= 10; v += (*p++ - '0') * scale; }
    }
    *out = v;
    return p + 1;
}

static const char *integer(const char *p, uint64_t *out) {
    uint64_t v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (uint64_t)(*p++ - '0');
    *out = v;
    return p;
}

/* The value after "key": in [p, end); NULL when absent. key includes its quotes and colon, e.g. "\"u\":". */
static const char *after(const char *p, const char *end, const char *key, size_t n) {
    for (; p + n <= end; p++)
        if (*p == key[0] && memcmp(p, key, n) == 0) return p + n;
    return NULL;
}

static void set_bid(Book *b, int64_t t, int64_t q) {
    b->bid[t] = q;
    if (q > 0) {
        if (t > b->best_bid) b->best_bid = t;
        if (t < b->low_bid) b->low_bid = t;
    } else if (t == b->best_bid) {
        while (b->best_bid > b->low_bid && b->bid[b->best_bid] == 0) b->best_bid--;
    }
}

static void set_ask(Book *b, int64_t t, int64_t q) {
    b->ask[t] = q;
    if (q > 0) {
        if (t < b->best_ask) b->best_ask = t;
        if (t > b->high_ask) b->high_ask = t;
    } else if (t == b->best_ask) {
        while (b->best_ask < b->high_ask && b->ask[b->best_ask] == 0) b->best_ask++;
    }
}

/* [["p","q"],["p","q"],...] starting at the '['; applies each level; returns past the closing ']'. */
static const char *levels(Book *b, const char *p, int bids) {
    p++; /* '[' */
    while (*p == '[') {
        int64_t price, size;
        p = fixed(p + 2, &price);      /* ["   */
        p = fixed(p + 2, &size);       /* ,"   */
        p++;                           /* ]    */
        int64_t t = price / b->tick_raw;
        if (t <= 0 || t >= BOOK_TICKS) b->out_of_range++;
        else if (bids) set_bid(b, t, size);
        else set_ask(b, t, size);
        b->events++;
        if (*p == ',') p++;
    }
    return p + 1;
}

static void line(Book *b, const char *p, const char *end) {
    uint64_t recv_ns;
    p = integer(p, &recv_ns);
    if (p >= end || *p != ' ') { b->skipped++; return; }
    p++;
    const char *e = after(p, end, "\"e\":\"", 5);
    if (e == NULL) {
        /* The REST snapshot line: {"lastUpdateId":N,...,"bids":[...],"asks":[...]} */
        const char *id = after(p, end, "\"lastUpdateId\":", 15);
        if (id == NULL) { b->skipped++; return; }
        integer(id, &b->last_u);
        const char *bids = after(id, end, "\"bids\":", 7), *asks;
        if (bids == NULL) { b->skipped++; return; }
        asks = levels(b, bids, 1);
        asks = after(asks, end, "\"asks\":", 7);
        if (asks != NULL) levels(b, asks, 0);
        b->messages++;
        return;
    }
    if (*e == 'd') {            /* depthUpdate */
        uint64_t first, last, prev;
        const char *q = after(e, end, "\"U\":", 4);
        q = integer(q, &first);
        q = integer(after(q, end, "\"u\":", 4), &last);
        q = integer(after(q, end, "\"pu\":", 5), &prev);
        (void)first;
        if (b->last_u != 0 && prev != b->last_u) b->gaps++;
        b->last_u = last;
        q = levels(b, after(q, end, "\"b\":", 4), 1);
        levels(b, after(q, end, "\"a\":", 4), 0);
        b->messages++;
    } else if (*e == 't') {     /* trade */
        int64_t price, size;
        const char *q = fixed(after(e, end, "\"p\":\"", 5), &price);
        fixed(after(q, end, "\"q\":\"", 5), &size);
        b->trade_volume += size;
        b->trades++;
        b->events++;
        b->messages++;
    } else {
        b->skipped++;           /* bookTicker: not an engine event */
    }
}

/* One pass: gunzip gz[0..n) chunk by chunk, cutting lines, into a fresh book. Returns 0 on success. */
static int pass(const unsigned char *gz, size_t n, Book *b, unsigned char *buf, size_t cap) {
    b->best_bid = 0; b->low_bid = BOOK_TICKS; b->best_ask = BOOK_TICKS; b->high_ask = 0;
    b->last_u = 0; b->events = b->messages = b->trades = b->gaps = b->skipped = b->out_of_range = 0; b->trade_volume = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return 1;
    z.next_in = (unsigned char *)gz;
    z.avail_in = (uInt)n;
    size_t carry = 0;
    int rc;
    do {
        z.next_out = buf + carry;
        z.avail_out = (uInt)(cap - carry);
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) { inflateEnd(&z); return 2; }
        size_t have = cap - z.avail_out, start = 0;
        for (;;) {
            unsigned char *nl = memchr(buf + start, '\n', have - start);
            if (nl == NULL) break;
            size_t len = (size_t)(nl - (buf + start));
            if (len > 0) line(b, (const char *)buf + start, (const char *)nl);
            start += len + 1;
        }
        carry = have - start;
        if (carry == cap) { inflateEnd(&z); return 3; } /* a line longer than the buffer */
        memmove(buf, buf + start, carry);
    } while (rc != Z_STREAM_END);
    if (carry > 0) { buf[carry] = '\n'; line(b, (const char *)buf, (const char *)buf + carry); }
    inflateEnd(&z);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s <file.gz> [tick] [repeats]\n", argv[0]); return 2; }
    double tick = argc > 2 ? atof(argv[2]) : 0.1;
    int repeats = argc > 3 ? atoi(argv[3]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    size_t n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *gz = malloc(n);
    if (gz == NULL || fread(gz, 1, n, f) != n) { perror("read"); return 2; }
    fclose(f);
    Book b;
    memset(&b, 0, sizeof b);
    b.tick_raw = (int64_t)(tick * SCALE + 0.5);
    size_t cap = 1 << 22; /* a depth snapshot line is ~100 KB; 4 MB of lines per inflate round */
    unsigned char *buf = malloc(cap + 1);
    double best = 1e30;
    for (int i = 0; i < repeats; i++) {
        /* A fresh book each pass: calloc maps zero pages, so only the pages a level touches are faulted in (timed,
           as they are part of applying the file); nothing is cleared up front. */
        b.bid = calloc(BOOK_TICKS, sizeof(int64_t));
        b.ask = calloc(BOOK_TICKS, sizeof(int64_t));
        if (b.bid == NULL || b.ask == NULL) { perror("calloc"); return 2; }
        double t0 = now();
        int rc = pass(gz, n, &b, buf, cap);
        double t = now() - t0;
        free(b.bid);
        free(b.ask);
        if (rc != 0) { fprintf(stderr, "floor: inflate/parse failed (%d)\n", rc); return 1; }
        if (t < best) best = t;
    }
    /* The book is gone by now; its last best prices were kept in b. */
    printf("c-floor: %ld events (%ld trades), %ld messages, %ld other lines, %ld sequence gaps, %ld out of range; "
           "best bid %.1f ask %.1f; best of %d: %.4f s = %.0f events/s\n",
           b.events, b.trades, b.messages, b.skipped, b.gaps, b.out_of_range, b.best_bid * tick, b.best_ask * tick,
           repeats, best, b.events / best);
    return 0;
}
