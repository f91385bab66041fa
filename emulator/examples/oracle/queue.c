/* The queue behind the opaque queue_t handle: only this unit defines it. */
#include "../rt.h"
#include "queue.h"

#define QUEUE_LENGTH 4

struct queue_definition {
    const char *name;
    unsigned waiting;
    unsigned head;
    int items[QUEUE_LENGTH];
    void (*on_full)(queue_t q);
};

static struct queue_definition queues[2];
static unsigned created;

static void report_full(queue_t q)
{
    printf("queue %s is full\n", q->name);
}

queue_t queue_create(const char *name)
{
    struct queue_definition *q = &queues[created++ % 2];
    q->name = name;
    q->waiting = 0;
    q->head = 0;
    q->on_full = report_full;
    return q;
}

int queue_send(queue_t q, int item)
{
    if (q->waiting == QUEUE_LENGTH) {
        q->on_full(q);
        return 0;
    }
    q->items[(q->head + q->waiting) % QUEUE_LENGTH] = item;
    q->waiting++;
    return 1;
}

int queue_receive(queue_t q, int *item)
{
    if (q->waiting == 0)
        return 0;
    *item = q->items[q->head];
    q->head = (q->head + 1) % QUEUE_LENGTH;
    q->waiting--;
    return 1;
}

unsigned queue_waiting(queue_t q)
{
    return q->waiting;
}
