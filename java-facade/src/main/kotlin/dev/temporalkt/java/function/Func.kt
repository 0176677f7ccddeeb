package dev.temporalkt.java.function

import java.io.Serializable

// Serializable functional interfaces for method references such as `OrderWorkflow::run`: the SDK reads the
// referenced method from the reference's `SerializedLambda`, so a call names the workflow, signal, query or update
// through its annotated method instead of a string. An unbound reference to an instance method takes the receiver
// as its first parameter: a run method with one argument is a `Func2<W, A1, R>`.

/**
 * A function of 0 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 *
 * ```java
 * Func0<String> name = Config::defaultName;
 * ```
 */
public fun interface Func0<R> : Serializable {
    /** Calls the function. */
    public fun apply(): R
}

/**
 * A function of 1 argument returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 *
 * ```java
 * Func1<OrderWorkflow, String> status = OrderWorkflow::status;
 * ```
 */
public fun interface Func1<T1, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1): R
}

/**
 * A function of 2 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 *
 * ```java
 * Func2<OrderWorkflow, Order, Receipt> run = OrderWorkflow::run;
 * ```
 */
public fun interface Func2<T1, T2, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2): R
}

/**
 * A function of 3 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Func3<T1, T2, T3, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3): R
}

/**
 * A function of 4 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Func4<T1, T2, T3, T4, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4): R
}

/**
 * A function of 5 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Func5<T1, T2, T3, T4, T5, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5): R
}

/**
 * A function of 6 arguments returning a value, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Func6<T1, T2, T3, T4, T5, T6, R> : Serializable {
    /** Calls the function. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5, t6: T6): R
}
