package dev.byline.article;

import dev.byline.source.Source;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An outlet an article cites, quotes or takes material from. */
@Entity
@Table(name = "article_cited_source")
public class CitedSource extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "article_id")
    public Article article;

    public int position;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "source_id")
    public Source source;

    @Convert(converter = CitationRole.AsText.class)
    public CitationRole role;
    public String note;
    public String url;
}
