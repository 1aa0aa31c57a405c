package dev.byline.web;

import java.util.List;

/** One page of a list: the items and the cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String next) {

    /** The same page shown as {@code shown} (items built in one go from the page's rows). */
    public <U> Page<U> withItems(List<U> shown) {
        return new Page<>(shown, next);
    }
}
