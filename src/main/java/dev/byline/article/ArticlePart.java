package dev.byline.article;

import java.util.UUID;

/** Something that belongs to one article and shows in what readers get of it (a comment, say). */
public interface ArticlePart {

    UUID articleId();
}
