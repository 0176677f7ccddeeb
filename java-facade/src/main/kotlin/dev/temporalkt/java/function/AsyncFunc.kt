package dev.temporalkt.java.function

import java.io.Serializable
import java.util.concurrent.CompletionStage

// Serializable functional interfaces of methods that return a future (`CompletableFuture<R>` or another
// `CompletionStage<R>`), as Java workflow run and update methods do. A call that takes a method reference has an
// overload for each of Func, AsyncFunc and Proc; Java picks AsyncFunc for a method returning a future, so the call's
// result is the future's value `R`, not the future.

/**
 * A function of 0 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc0<R> : Serializable {
    /** Calls the function. */
    public fun apply(): CompletionStage<R>
}

/**
 * A function of 1 argument returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc1<T1, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1): CompletionStage<R>
}

/**
 * A function of 2 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 *
 * ```java
 * // @WorkflowRun CompletableFuture<Receipt> run(Order order);
 * AsyncFunc2<OrderWorkflow, Order, Receipt> run = OrderWorkflow::run;
 * ```
 */
public fun interface AsyncFunc2<T1, T2, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2): CompletionStage<R>
}

/**
 * A function of 3 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc3<T1, T2, T3, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3): CompletionStage<R>
}

/**
 * A function of 4 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc4<T1, T2, T3, T4, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4): CompletionStage<R>
}

/**
 * A function of 5 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc5<T1, T2, T3, T4, T5, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5): CompletionStage<R>
}

/**
 * A function of 6 arguments returning a future of `R`, serializable so that a method reference to it can be resolved
 * to the referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the
 * receiver as its first parameter.
 */
public fun interface AsyncFunc6<T1, T2, T3, T4, T5, T6, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5, t6: T6): CompletionStage<R>
}
