@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowDefinitionException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.reflect.typeOf

interface Greeter {
    @WorkflowRun
    suspend fun greet(name: String): String

    @Signal(name = "set-greeting", description = "Changes the greeting")
    fun setGreeting(greeting: String)
}

@Workflow(name = "greeter-v2", description = "Greets")
class GreeterWorkflow @WorkflowInit constructor(private val initialName: String) : Greeter {
    private var greeting = "Hello"

    override suspend fun greet(name: String): String = "$greeting, $name"

    override fun setGreeting(greeting: String) {
        this.greeting = greeting
    }

    @Query
    fun current(): String = "$greeting, $initialName"

    @Update(name = "rename")
    suspend fun rename(name: String): String = name

    @UpdateValidator("rename")
    fun validateRename(name: String) {
        require(name.isNotBlank())
    }

    @Signal(dynamic = true)
    fun other(name: String, args: List<RawValue>) = Unit
}

class NotAWorkflow {
    @WorkflowRun
    suspend fun run() = Unit
}

@Workflow
class NoRunWorkflow

@Workflow
class BrokenWorkflow(val required: String) {
    @WorkflowRun
    fun run(): String = ""

    @Signal
    fun a(): Int = 1

    @Signal(name = "a")
    fun b() = Unit

    @Query
    fun nothing() = Unit

    @UpdateValidator("missing")
    fun validateMissing() = Unit

    @Update
    fun change(value: Int) = value

    @UpdateValidator("change")
    fun validateChange(value: String) = Unit
}

class WorkflowDefinitionSpec : FunSpec({
    test("names, handlers, validators and init hook are read from annotations, including inherited ones") {
        val definition = WorkflowDefinition.of(GreeterWorkflow::class)
        definition.name shouldBe "greeter-v2"
        definition.description shouldBe "Greets"
        definition.run.function.name shouldBe "greet"
        definition.run.parameterTypes shouldBe listOf(typeOf<String>())
        definition.run.returnType shouldBe typeOf<String>()
        definition.signals.keys shouldBe setOf("set-greeting")
        definition.signals.getValue("set-greeting").description shouldBe "Changes the greeting"
        definition.dynamicSignal!!.function.name shouldBe "other"
        definition.queries.keys shouldBe setOf("current")
        definition.updates.keys shouldBe setOf("rename")
        definition.validators.getValue("rename").function.name shouldBe "validateRename"
        WorkflowDefinition.of(GreeterWorkflow::class) shouldBe definition
    }

    test("WorkflowNames resolves references to workflow, signal, query and update names") {
        WorkflowNames.of(GreeterWorkflow::class) shouldBe "greeter-v2"
        WorkflowNames.of(GreeterWorkflow::greet) shouldBe "greeter-v2"
        WorkflowNames.of(Greeter::setGreeting) shouldBe "set-greeting"
        WorkflowNames.of(GreeterWorkflow::current) shouldBe "current"
        WorkflowNames.of(GreeterWorkflow::rename) shouldBe "rename"
        shouldThrow<IllegalArgumentException> { WorkflowNames.of(GreeterWorkflow::validateRename) }.message shouldBe
            "Function 'validateRename' is not a workflow run function or handler: annotate it with @WorkflowRun, " +
            "@Signal, @Query or @Update, or use the name directly"
    }

    test("a class without @Workflow is rejected with the fix") {
        shouldThrow<WorkflowDefinitionException> { WorkflowDefinition.of(NotAWorkflow::class) }.message shouldBe
            "Class dev.temporalkt.workflow.NotAWorkflow is not a workflow: annotate it with @Workflow " +
            "(dev.temporalkt.workflow.Workflow)"
    }

    test("a workflow without a run function is rejected") {
        shouldThrow<WorkflowDefinitionException> { WorkflowDefinition.of(NoRunWorkflow::class) }.message shouldBe
            "Workflow class dev.temporalkt.workflow.NoRunWorkflow is invalid:\n" +
            "  - no run function: annotate one suspend function with @WorkflowRun"
    }

    test("every problem of an invalid workflow class is listed") {
        shouldThrow<WorkflowDefinitionException> { WorkflowDefinition.of(BrokenWorkflow::class) }.message shouldBe
            "Workflow class dev.temporalkt.workflow.BrokenWorkflow is invalid:\n" +
            "  - the @WorkflowRun function 'run' must be a suspend function (Java workflows return a CompletionStage instead)\n" +
            "  - no way to create it: give it a constructor without parameters, or mark a constructor taking " +
            "the run arguments with @WorkflowInit\n" +
            "  - the signal handler 'a' must return Unit, but returns kotlin.Int\n" +
            "  - duplicate signal name 'a' on functions 'a' and 'b'; give them distinct names\n" +
            "  - the query handler 'nothing' returns Unit; a query must return a value\n" +
            "  - the update validator 'validateChange' must take the same parameters as update 'change' " +
            "[kotlin.Int], but takes [kotlin.String]\n" +
            "  - the validator 'validateMissing' names update 'missing', which has no handler; known updates: [change]"
    }
})
