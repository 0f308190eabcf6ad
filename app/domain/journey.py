"""The learner's journey: pretest, then modules in order, the sandbox practice, the posttest."""
from dataclasses import dataclass, field


@dataclass
class JourneyState:
    module_ids: list  # in course order
    pretest_done: bool = False
    modules_done: set = field(default_factory=set)
    practice_done: bool = False
    posttest_done: bool = False
    posttest_confidence_given: bool = False

    def module_unlocked(self, module_id):
        """A module opens after the pretest, once the module before it is done."""
        if not self.pretest_done or module_id not in self.module_ids:
            return False
        index = self.module_ids.index(module_id)
        return index == 0 or self.module_ids[index - 1] in self.modules_done

    @property
    def all_modules_done(self):
        return set(self.module_ids) <= self.modules_done

    @property
    def practice_unlocked(self):
        return self.pretest_done and self.all_modules_done

    @property
    def posttest_unlocked(self):
        return self.practice_unlocked and self.practice_done

    def next_action(self):
        """('pretest'|'module'|'practice'|'posttest'|'results', module id or None)."""
        if not self.pretest_done:
            return ("pretest", None)
        for module_id in self.module_ids:
            if module_id not in self.modules_done:
                return ("module", module_id)
        if not self.practice_done:
            return ("practice", None)
        if not self.posttest_done or not self.posttest_confidence_given:
            return ("posttest", None)
        return ("results", None)

    def stage(self):
        """A short name of where the learner is, for progress displays."""
        kind, module_id = self.next_action()
        if kind == "module":
            return f"module {self.module_ids.index(module_id) + 1}"
        return {"pretest": "pretest", "practice": "practice", "posttest": "posttest",
                "results": "done"}[kind]
