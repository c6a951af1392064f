/* The floor for the benchmark: libcmark alone rendering every article body to HTML in one
 * thread. Reads the files named on standard input (one path a line), strips the front matter,
 * and times only the parse-and-render calls. Prints "<bodies> <bytes> <seconds>". */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *buffer = malloc((size_t)size + 1);
    size_t got = fread(buffer, 1, (size_t)size, file);
    fclose(file);
    buffer[got] = 0;
    *length = got;
    return buffer;
}

int main(void) {
    char path[4096];
    size_t capacity = 1024, count = 0, total = 0;
    char **bodies = malloc(capacity * sizeof *bodies);
    size_t *lengths = malloc(capacity * sizeof *lengths);
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        size_t length;
        char *text = read_file(path, &length);
        if (!text) continue;
        char *body = text;
        if (strncmp(text, "---\n", 4) == 0) {
            char *end = strstr(text + 4, "\n---\n");
            if (end) body = end + 5;
        }
        if (count == capacity) {
            capacity *= 2;
            bodies = realloc(bodies, capacity * sizeof *bodies);
            lengths = realloc(lengths, capacity * sizeof *lengths);
        }
        lengths[count] = length - (size_t)(body - text);
        bodies[count++] = body;
        total += lengths[count - 1];
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    size_t output = 0;
    for (size_t i = 0; i < count; i++) {
        char *html = cmark_markdown_to_html(bodies[i], lengths[i], CMARK_OPT_DEFAULT);
        output += strlen(html);
        free(html);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%zu %zu %.3f\n", count, total, seconds);
    return output == 0 && count > 0;
}
