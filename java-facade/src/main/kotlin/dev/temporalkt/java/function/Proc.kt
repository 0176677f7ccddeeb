package dev.temporalkt.java.function

import java.io.Serializable

// Serializable functional interfaces of methods that return nothing (`void`), for method references such as
// `OrderWorkflow::approve`; see Func.kt.

/**
 * A procedure of 0 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Proc0 : Serializable {
    /** Calls the procedure. */
    public fun apply()
}

/**
 * A procedure of 1 argument returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 *
 * ```java
 * Proc1<OrderWorkflow> cancelOrder = OrderWorkflow::cancelOrder;
 * ```
 */
public fun interface Proc1<T1> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1)
}

/**
 * A procedure of 2 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 *
 * ```java
 * Proc2<OrderWorkflow, String> approve = OrderWorkflow::approve;
 * ```
 */
public fun interface Proc2<T1, T2> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1, t2: T2)
}

/**
 * A procedure of 3 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Proc3<T1, T2, T3> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1, t2: T2, t3: T3)
}

/**
 * A procedure of 4 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Proc4<T1, T2, T3, T4> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4)
}

/**
 * A procedure of 5 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Proc5<T1, T2, T3, T4, T5> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5)
}

/**
 * A procedure of 6 arguments returning nothing, serializable so that a method reference to it can be resolved to the
 * referenced method through its `SerializedLambda`. An unbound reference to an instance method takes the receiver as
 * its first parameter.
 */
public fun interface Proc6<T1, T2, T3, T4, T5, T6> : Serializable {
    /** Calls the procedure. */
    public fun apply(t1: T1, t2: T2, t3: T3, t4: T4, t5: T5, t6: T6)
}
