package dev.temporalkt.workflow

/**
 * Marks the validator of the update handler named [updateName] (the update's name as resolved from its
 * [Update] annotation, or the handler function's name). The validator is a plain (not `suspend`)
 * function returning `Unit` with the same parameters as the handler; throwing any exception rejects the
 * update before it is recorded in history. Validators must not change workflow state or start anything.
 *
 * ```kotlin
 * @UpdateValidator("addItem")
 * fun validateAddItem(item: Item) { require(item.quantity > 0) { "quantity must be positive" } }
 * ```
 *
 * @property updateName the name of the update this function validates.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class UpdateValidator(val updateName: String)
