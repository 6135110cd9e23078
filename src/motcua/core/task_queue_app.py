"""django-tasks-db's app under a Vietnamese name in the admin (its own name is not translatable)."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    verbose_name = "Hàng đợi tác vụ"
