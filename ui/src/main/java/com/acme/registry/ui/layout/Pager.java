package com.acme.registry.ui.layout;

import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.InvalidInputException;

import java.util.function.IntFunction;

/**
 * Previous/next links of a paged list, numbered from 1 as people count; each link keeps the list's filters.
 *
 * @param page     the page shown, from 1
 * @param previous link to the page before, null on the first
 * @param next     link to the page after, null on the last
 */
public record Pager(int page, int totalPages, long totalItems, long firstItem, long lastItem, String previous, String next) {

    /** The API's page request for a page number from a link (1 when absent). */
    public static PageRequest request(Integer page, int size) {
        int number = page == null ? 1 : page;
        if (number < 1 || number > 1_000_000) {
            throw InvalidInputException.of("page", "must be between 1 and 1000000 (was " + number + ")");
        }
        return PageRequest.of(number - 1, size);
    }

    public static Pager of(PageRequest request, long totalItems, int shown, IntFunction<String> link) {
        int page = request.page() + 1;
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        long first = shown == 0 ? 0 : request.offset() + 1;
        return new Pager(page, totalPages, totalItems, first, first == 0 ? 0 : request.offset() + shown,
                page > 1 ? link.apply(Math.min(page - 1, Math.max(totalPages, 1))) : null,
                page < totalPages ? link.apply(page + 1) : null);
    }

    public boolean needed() {
        return previous != null || next != null;
    }
}
