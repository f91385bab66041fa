/* A queue handle whose type is opaque outside queue.c: users see only the
 * declaration, as with FreeRTOS's QueueHandle_t. */
#ifndef QUEUE_H
#define QUEUE_H

typedef struct queue_definition *queue_t;

queue_t queue_create(const char *name);
int queue_send(queue_t q, int item);
int queue_receive(queue_t q, int *item);
unsigned queue_waiting(queue_t q);

#endif
