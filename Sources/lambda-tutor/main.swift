import TutorApp
print("lambda-tutor")
