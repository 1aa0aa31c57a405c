package dev.byline.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Records a successful call of the annotated service method in the audit log, in the method's own transaction. */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** What was done, such as {@code article.publish}. */
    @Nonbinding
    String action() default "";

    /** The kind of thing it was done to, such as {@code article}. */
    @Nonbinding
    String target() default "";
}
